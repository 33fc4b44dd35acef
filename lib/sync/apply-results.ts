/**
 * Applies the endpoint's per-record answers in one transaction: a record leaves the outbox
 * only when the endpoint has answered for its current revision. If the reviewer edited it
 * while the batch was in flight, the newer revision stays queued.
 */
import type { BatchItem, ItemResult } from '@/lib/protocol/batch';
import type { FlagpostDb, SyncFields } from '@/lib/store/db';
import { outboxKey } from '@/lib/store/outbox-repo';

export interface AppliedCounts {
  delivered: number;
  rejected: number;
  stale: number;
}

function syncFieldsFor(result: ItemResult): SyncFields {
  switch (result.result) {
    case 'created':
    case 'updated':
    case 'unchanged':
      return { syncState: 'synced', syncedRevision: result.revision };
    case 'stale':
      return {
        syncState: 'stale',
        ...(result.serverRevision ? { syncedRevision: result.serverRevision } : {}),
      };
    case 'rejected':
      return { syncState: 'rejected', syncError: result.reason ?? result.code ?? 'rejected' };
  }
}

type Synced = SyncFields & { id: string; revision: number };

export async function applyResults(
  db: FlagpostDb,
  batch: readonly BatchItem[],
  results: readonly ItemResult[],
): Promise<AppliedCounts> {
  const counts: AppliedCounts = { delivered: 0, rejected: 0, stale: 0 };
  // Bulk reads and writes, one transaction: per-record round trips made this the slowest
  // part of a sync (BENCHMARKS.md, "Sync").
  await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
    for (const type of ['flag', 'note'] as const) {
      const table = db.table<Synced, string>(`${type}s`);
      const pairs = batch
        .map((item, index) => ({ item, result: results[index] }))
        .filter(
          (p): p is { item: BatchItem; result: ItemResult } =>
            p.item.type === type && p.result?.id === p.item.record.id,
        );
      if (pairs.length === 0) continue;
      const current = await table.bulkGet(pairs.map((p) => p.item.record.id));
      const done: string[] = [];
      const updated: Synced[] = [];
      for (const [index, { item, result }] of pairs.entries()) {
        const record = current[index];
        if (record && record.revision > result.revision) continue; // newer revision queued
        done.push(outboxKey(type, item.record.id));
        if (!record) continue;
        // Replace the sync fields wholesale: a delivered record loses its old error.
        const { syncError: _e, syncedRevision: _r, ...rest } = record;
        updated.push({ ...rest, ...syncFieldsFor(result) });
        if (result.result === 'rejected') counts.rejected++;
        else if (result.result === 'stale') counts.stale++;
        else counts.delivered++;
      }
      await db.outbox.bulkDelete(done);
      await table.bulkPut(updated);
    }
  });
  return counts;
}

/** Marks records rejected locally (too large to send, or invalid as stored). */
export async function rejectLocally(
  db: FlagpostDb,
  items: readonly { type: BatchItem['type']; id: string; reason: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
    for (const { type, id, reason } of items) {
      const table = type === 'flag' ? db.flags : db.notes;
      await table.update(id, { syncState: 'rejected', syncError: reason });
      await db.outbox.delete(outboxKey(type, id));
    }
  });
}
