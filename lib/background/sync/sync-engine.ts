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
import { loadBatchItems } from './load-batch';
import { type EndpointConfig, type SendOutcome, sendBatch } from './transport';

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

export type SyncRunResult =
  | { outcome: 'done'; delivered: number; rejected: number; stale: number }
  | {
      outcome: 'retry';
      delivered: number;
      rejected: number;
      stale: number;
      retryInMs: number;
      reason: string;
    }
  | { outcome: 'refused'; delivered: number; rejected: number; stale: number; reason: string };

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
  const counts = { delivered: 0, rejected: 0, stale: 0 };
  const total = await db.outbox.count();
  let sent = 0;
  let maxItems = SERVER_LIMITS.maxItems;
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
  // Answers are written one batch after the other, in the order they came.
  let applying: Promise<void> | undefined;
  let applyFailed = false;
  const ahead: OutboxEntry[] = [];
  const prepare = () => quiet(prepareBatch(db, maxItems, new Set(inFlight), ahead));
  let next = prepare();
  for (;;) {
    const batch = applyFailed ? undefined : await next;
    if (!batch) {
      if (!applying) break;
      // Applying may leave a newer revision queued (edited while in flight): look again.
      await applying;
      applying = undefined;
      next = prepare();
      continue;
    }
    const keys = batch.map((item) => outboxKey(item.type, item.record.id));
    for (const key of keys) inFlight.add(key);
    const sending = quiet(send(batch));
    next = prepare(); // read while the batch is at the endpoint
    const outcome = await sending;
    if (outcome.kind === 'delivered') {
      sent += batch.length;
      const { results } = outcome.response;
      const upTo = sent;
      applying = quiet(
        (applying ?? Promise.resolve())
          .then(() => apply(batch, results, upTo))
          .then(() => {
            for (const key of keys) inFlight.delete(key);
          })
          .catch((error: unknown) => {
            applyFailed = true;
            throw error;
          }),
      );
      continue;
    }
    for (const key of keys) inFlight.delete(key);
    // Before any status is written: earlier answers are applied, the read finished.
    await applying;
    applying = undefined;
    await next; // read for nothing: this batch goes again first
    ahead.length = 0; // and what was read ahead is read again, after it
    if (outcome.kind === 'too-large' && batch.length > 1) {
      // This endpoint (or a proxy before it) takes less than the protocol allows: keep the
      // smaller size for the rest of the run instead of rediscovering it every batch.
      maxItems = Math.ceil(batch.length / 2);
      next = prepare();
      continue;
    }
    if (outcome.kind === 'too-large') {
      const [only] = batch;
      if (only)
        await rejectLocally(db, [{ type: only.type, id: only.record.id, reason: outcome.reason }]);
      next = prepare();
      continue;
    }
    const status = await readSyncStatus(db);
    const failures = status.failures + 1;
    if (outcome.kind === 'refused') {
      await writeSyncStatus(db, { ...status, failures, lastError: outcome.reason });
      return { outcome: 'refused', ...counts, reason: outcome.reason };
    }
    const retryInMs = retryDelay(
      failures,
      outcome.retryAfterMs,
      deps.backoff ?? DEFAULT_BACKOFF,
      deps.random,
    );
    await writeSyncStatus(db, {
      ...status,
      failures,
      lastError: outcome.reason,
      nextAttemptAt: new Date(Date.parse(clock()) + retryInMs).toISOString(),
    });
    return { outcome: 'retry', ...counts, retryInMs, reason: outcome.reason };
  }

  const status = await readSyncStatus(db);
  const { lastError: _cleared, nextAttemptAt: _none, ...rest } = status;
  await writeSyncStatus(db, { ...rest, failures: 0, lastSuccessAt: clock() });
  return { outcome: 'done', ...counts };
}
