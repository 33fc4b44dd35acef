/**
 * One sync run: drain the outbox in batches until it is empty, the endpoint asks us to
 * wait, or it refuses us. The run holds no state of its own between batches — the outbox
 * and the sync status are in the database — so a service worker killed at any point
 * resumes by simply running again; the endpoint's idempotency by id and revision turns
 * the resend into `unchanged`, which is what makes delivery exactly-once in effect.
 */

import type { Clock } from '@/lib/background/store/clock';
import type { FlagpostDb, OutboxEntry } from '@/lib/background/store/db';
import { dueEntries, outboxKey } from '@/lib/background/store/outbox-repo';
import { readSyncStatus, writeSyncStatus } from '@/lib/background/store/sync-status-repo';
import type { BatchItem, ItemResult } from '@/lib/shared/protocol/batch';
import { applyResults, rejectLocally } from './apply-results';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelay } from './backoff';
import { packBatches, SERVER_LIMITS } from './batching';
import { uploadBatchEvidence } from './evidence-upload';
import { isolateFailure } from './isolate';
import { loadBatchItems } from './load-batch';
import { strikeSuspects } from './quarantine';
import { type SyncLoopEvent, startSyncLoop, stepSync } from './sync-loop';
import { type EndpointConfig, probeEndpoint, type SendOutcome, sendBatch } from './transport';

export interface SyncProgress {
  sent: number;
  total: number;
}

export interface SyncDeps {
  db: FlagpostDb;
  config: EndpointConfig;
  clock: Clock;
  timeoutMs?: number;
  fetch?: typeof fetch;
  backoff?: BackoffPolicy;
  random?: () => number;
  onProgress?: (progress: SyncProgress) => void;
}

/** What a run did; `quarantined` records are counted in `rejected` too. */
interface RunCounts {
  delivered: number;
  rejected: number;
  stale: number;
  quarantined: number;
}

export type SyncRunResult =
  | ({ outcome: 'done' } & RunCounts)
  | ({ outcome: 'retry'; retryInMs: number; reason: string } & RunCounts)
  | ({ outcome: 'refused'; reason: string } & RunCounts);

/** A delivered batch shows the endpoint is healthy again: restart the backoff from zero. */
async function clearFailures(db: FlagpostDb) {
  const status = await readSyncStatus(db);
  if (status.failures === 0) return;
  const { lastError: _cleared, nextAttemptAt: _none, ...rest } = status;
  await writeSyncStatus(db, { ...rest, failures: 0 });
}

/** Handled where awaited; until then its failure must not count as unhandled. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Outbox entries are read this many batches ahead: one read serves several batches. Read
 * for every batch, the outbox waited behind the transaction applying the previous answer
 * (both use the outbox) and was the slowest step of a batch (BENCHMARKS.md, "Sync").
 */
const READ_AHEAD_BATCHES = 10;

/**
 * The next batch to send: the oldest queued records not already in flight, read fresh and
 * in wire form. Records that cannot be sent as stored leave the queue marked rejected.
 * `ahead`: entries read earlier and not yet sent, oldest first (taken from the front). An
 * entry there is only a pointer: its record is read fresh here, and an entry that left the
 * outbox meanwhile only costs a resend the endpoint answers `unchanged`.
 */
async function prepareBatch(
  db: FlagpostDb,
  maxItems: number,
  /** Keys in flight, and keys set aside for this run (lib/background/sync/quarantine.ts). */
  inFlight: ReadonlySet<string>,
  ahead: OutboxEntry[],
): Promise<BatchItem[] | undefined> {
  for (;;) {
    if (ahead.length === 0)
      ahead.push(
        ...(await dueEntries(db, maxItems * READ_AHEAD_BATCHES + inFlight.size)).filter(
          (entry) => !inFlight.has(entry.key),
        ),
      );
    const entries = ahead.splice(0, maxItems).filter((entry) => !inFlight.has(entry.key));
    if (entries.length === 0) return undefined;
    const { items, invalid } = await loadBatchItems(db, entries);
    await rejectLocally(db, invalid);
    const { batches, oversized } = packBatches(items, { ...SERVER_LIMITS, maxItems });
    await rejectLocally(
      db,
      oversized.map((item) => ({
        type: item.type,
        id: item.record.id,
        reason: 'Too large to send (over 1 MiB)',
      })),
    );
    if (batches[0]) return batches[0];
  }
}

/**
 * Batches go out one at a time, but the work around them overlaps: while batch N is at
 * the endpoint, the results of batch N-1 are written and batch N+1 is read. The outbox
 * stays the only state — an entry leaves it only in the transaction that applies the
 * endpoint's answer for its revision — so stopping anywhere loses nothing.
 */
export async function runSync(deps: SyncDeps): Promise<SyncRunResult> {
  const { db, clock } = deps;
  const counts: RunCounts = { delivered: 0, rejected: 0, stale: 0, quarantined: 0 };
  const total = await db.outbox.count();
  let sent = 0;
  const startedAt = clock();
  await writeSyncStatus(db, { ...(await readSyncStatus(db)), lastAttemptAt: startedAt });
  deps.onProgress?.({ sent, total });
  const transport = {
    timeoutMs: deps.timeoutMs ?? 30_000,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  const send = async (batch: BatchItem[]): Promise<SendOutcome> =>
    (await uploadBatchEvidence(db, deps.config, batch, transport)) ??
    (await sendBatch(deps.config, batch, transport));
  const probe = () => probeEndpoint(deps.config, transport);
  // A run ends at its first failure, so the backoff restarts from zero once per run at most.
  let failuresCleared = false;
  /** `upTo`: records sent up to and including this batch, for the progress report. */
  const apply = async (batch: BatchItem[], results: readonly ItemResult[], upTo: number) => {
    const applied = await applyResults(db, batch, results);
    counts.delivered += applied.delivered;
    counts.rejected += applied.rejected;
    counts.stale += applied.stale;
    if (!failuresCleared) await clearFailures(db);
    failuresCleared = true;
    deps.onProgress?.({ sent: upTo, total: Math.max(total, upTo) });
  };

  // Keys of the batches sent and not yet applied: never read into another batch meanwhile.
  const inFlight = new Set<string>();
  // Keys of records the endpoint failed on alone this run: not sent again until next run.
  const setAside = new Set<string>();
  let setAsideReason: string | undefined;
  // Answers are written one batch after the other, in the order they came; the first error
  // writing one ends the run with it (the loop sees it when it next reads).
  let writing: Promise<void> = Promise.resolve();
  let writeFailed = false;
  const ahead: OutboxEntry[] = [];
  // What to do next is decided by the loop's states (sync-loop.ts); this performs it.
  let { state, effects } = startSyncLoop(SERVER_LIMITS.maxItems);
  let next: Promise<BatchItem[] | undefined> = Promise.resolve(undefined);
  let batch: BatchItem[] = [];
  let keys: string[] = [];
  let outcome: SendOutcome | undefined;
  let isolationStopped = false;
  const prepare = (maxItems: number) =>
    quiet(prepareBatch(db, maxItems, new Set([...inFlight, ...setAside]), ahead));
  const stopped = (): Exclude<SendOutcome, { kind: 'delivered' }> => {
    if (!outcome || outcome.kind === 'delivered')
      throw new Error('Sync loop: the run stopped without a failure');
    return outcome;
  };
  const step = (event: SyncLoopEvent) => ({ state, effects } = stepSync(state, event));

  for (;;) {
    for (const effect of effects) {
      switch (effect) {
        case 'read':
          next = prepare('maxItems' in state ? state.maxItems : SERVER_LIMITS.maxItems);
          break;
        case 'send':
          for (const key of keys) inFlight.add(key);
          outcome = undefined;
          break;
        case 'write-answers': {
          sent += batch.length;
          const delivered = outcome?.kind === 'delivered' ? outcome.response.results : [];
          const [written, writtenKeys, upTo] = [batch, keys, sent];
          writing = quiet(
            writing
              .then(() => apply(written, delivered, upTo))
              .then(() => {
                for (const key of writtenKeys) inFlight.delete(key);
              })
              .catch((error: unknown) => {
                writeFailed = true;
                throw error;
              }),
          );
          break;
        }
        case 'drain':
          await writing;
          writing = Promise.resolve();
          break;
        case 'settle':
          for (const key of keys) inFlight.delete(key);
          // Before any status is written: earlier answers are applied, the read finished.
          await writing;
          writing = Promise.resolve();
          await next; // read for nothing: this batch goes again first
          ahead.length = 0; // and what was read ahead is read again, after it
          break;
        case 'refuse-lone-record': {
          const [only] = batch;
          if (only)
            await rejectLocally(db, [
              { type: only.type, id: only.record.id, reason: stopped().reason },
            ]);
          break;
        }
        case 'isolate': {
          const failure = stopped();
          if (failure.kind !== 'invalid' && failure.kind !== 'server-error')
            throw new Error(`Sync loop: a ${failure.kind} failure is not isolated`);
          const isolation = await isolateFailure(batch, failure, {
            send,
            probe,
            deliver: async (part, results) => {
              sent += part.length;
              await apply(part, results, sent);
            },
          });
          await rejectLocally(
            db,
            isolation.refused.map(({ item, reason }) => ({
              type: item.type,
              id: item.record.id,
              reason,
            })),
          );
          counts.rejected += isolation.refused.length;
          const struck = await strikeSuspects(db, isolation.suspects);
          counts.quarantined += struck.quarantined;
          counts.rejected += struck.quarantined;
          for (const key of struck.setAside) setAside.add(key);
          if (struck.setAside.length > 0) setAsideReason = isolation.suspects[0]?.reason;
          if (isolation.stopped) outcome = isolation.stopped;
          isolationStopped = isolation.stopped !== undefined;
          break;
        }
        case 'end-with-failure':
          return endRun(stopped());
        case 'finish':
          return finish();
      }
    }
    // The effects are done: wait for what the state waits on, and take the next step.
    switch (state.name) {
      case 'reading': {
        if (writeFailed) {
          step({ type: 'write-failed' });
          break;
        }
        const read = await next;
        if (read && read.length > 0) {
          batch = read;
          keys = read.map((item) => outboxKey(item.type, item.record.id));
          step({ type: 'batch', size: read.length });
        } else step({ type: 'empty' });
        break;
      }
      case 'draining':
        step({ type: 'drained' });
        break;
      case 'sending': {
        const sending = quiet(send(batch));
        next = prepare(state.maxItems); // read while the batch is at the endpoint
        outcome = await sending;
        step(
          outcome.kind === 'delivered'
            ? { type: 'delivered' }
            : { type: 'send-failed', kind: outcome.kind },
        );
        break;
      }
      case 'settling': {
        // A 500 when the run before this one ended in a failure too: the records may be
        // at fault (sync-loop.ts decides).
        const keepsFailing =
          state.kind === 'server-error' && (await readSyncStatus(db)).failures > 0;
        step({ type: 'settled', keepsFailing });
        break;
      }
      case 'isolating':
        step({ type: 'isolated', stopped: isolationStopped });
        break;
      case 'done':
      case 'stopped':
        throw new Error(`Sync loop: no effect left the run ${state.name}`);
    }
  }

  /** Ends the run after a failure: counted and explained, the next attempt scheduled. */
  async function endRun(failure: Exclude<SendOutcome, { kind: 'delivered' }>) {
    const status = await readSyncStatus(db);
    const failures = status.failures + 1;
    if (failure.kind === 'refused') {
      await writeSyncStatus(db, { ...status, failures, lastError: failure.reason });
      return { outcome: 'refused' as const, ...counts, reason: failure.reason };
    }
    const retryAfterMs = 'retryAfterMs' in failure ? failure.retryAfterMs : undefined;
    const retryInMs = retryDelay(
      failures,
      retryAfterMs,
      deps.backoff ?? DEFAULT_BACKOFF,
      deps.random,
    );
    await writeSyncStatus(db, {
      ...status,
      failures,
      lastError: failure.reason,
      nextAttemptAt: new Date(Date.parse(clock()) + retryInMs).toISOString(),
    });
    return { outcome: 'retry' as const, ...counts, retryInMs, reason: failure.reason };
  }

  /** Ends the run once nothing is left to send. */
  async function finish(): Promise<SyncRunResult> {
    // Records set aside are still queued: the run ends as a failure so they go again soon,
    // and the next run's failure on them counts as "keeps failing".
    if (setAside.size > 0)
      return endRun({
        kind: 'retry',
        reason: `${setAside.size} record(s) failed on the endpoint alone and wait for another try: ${setAsideReason ?? ''}`,
      });
    const status = await readSyncStatus(db);
    const { lastError: _cleared, nextAttemptAt: _none, ...rest } = status;
    await writeSyncStatus(db, { ...rest, failures: 0, lastSuccessAt: clock() });
    return { outcome: 'done', ...counts };
  }
}
