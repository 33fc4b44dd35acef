/**
 * One sync run: drain the outbox in batches until it is empty, the endpoint asks us to
 * wait, or it refuses us. The run holds no state of its own between batches — the outbox
 * and the sync status are in the database — so a service worker killed at any point
 * resumes by simply running again; the endpoint's idempotency by id and revision turns
 * the resend into `unchanged`, which is what makes delivery exactly-once in effect.
 */
import type { Clock } from '@/lib/store/clock';
import type { FlagpostDb } from '@/lib/store/db';
import { dueEntries } from '@/lib/store/outbox-repo';
import { applyResults, rejectLocally } from './apply-results';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelay } from './backoff';
import { packBatches, SERVER_LIMITS } from './batching';
import { uploadBatchEvidence } from './evidence-upload';
import { loadBatchItems } from './load-batch';
import { readSyncStatus, writeSyncStatus } from './sync-status';
import { type EndpointConfig, sendBatch } from './transport';

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

export async function runSync(deps: SyncDeps): Promise<SyncRunResult> {
  const { db, clock } = deps;
  const counts = { delivered: 0, rejected: 0, stale: 0 };
  const total = await db.outbox.count();
  let sent = 0;
  let maxItems = SERVER_LIMITS.maxItems;
  const startedAt = clock();
  await writeSyncStatus(db, { ...(await readSyncStatus(db)), lastAttemptAt: startedAt });
  deps.onProgress?.({ sent, total });

  for (;;) {
    const entries = await dueEntries(db, maxItems);
    if (entries.length === 0) break;
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
    const batch = batches[0];
    if (!batch) continue;

    const transport = {
      timeoutMs: deps.timeoutMs ?? 30_000,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    };
    const outcome =
      (await uploadBatchEvidence(db, deps.config, batch, transport)) ??
      (await sendBatch(deps.config, batch, transport));
    if (outcome.kind === 'delivered') {
      const applied = await applyResults(db, batch, outcome.response.results);
      counts.delivered += applied.delivered;
      counts.rejected += applied.rejected;
      counts.stale += applied.stale;
      sent += batch.length;
      await clearFailures(db);
      deps.onProgress?.({ sent, total: Math.max(total, sent) });
      continue;
    }
    if (outcome.kind === 'too-large' && batch.length > 1) {
      // This endpoint (or a proxy before it) takes less than the protocol allows: keep the
      // smaller size for the rest of the run instead of rediscovering it every batch.
      maxItems = Math.ceil(batch.length / 2);
      continue;
    }
    if (outcome.kind === 'too-large') {
      const [only] = batch;
      if (only)
        await rejectLocally(db, [{ type: only.type, id: only.record.id, reason: outcome.reason }]);
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
