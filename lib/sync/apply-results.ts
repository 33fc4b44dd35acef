/**
 * Applies the endpoint's per-record answers in one transaction: a record leaves the outbox
 * only when the endpoint has answered for its current revision. If the reviewer edited it
 * while the batch was in flight, the newer revision stays queued.
 */
import type { BatchItem, ItemResult } from '@/lib/protocol/batch';
import type { FlagpostDb, SyncFields } from '@/lib/store/db';
import { outboxKey } from '@/lib/store/outbox-repo';
import { deleteKeys, readByIds } from './read-records';

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
  // One transaction, a handful of requests: a range read of the records, range deletes of
  // their outbox entries, one put per record (BENCHMARKS.md, "Sync", in real Chromium).
  await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
    const done: string[] = [];
    await Promise.all(
      (['flag', 'note'] as const).map(async (type) => {
        const table = db.table<Synced, string>(`${type}s`);
        const pairs = batch
          .map((item, index) => ({ item, result: results[index] }))
          .filter(
            (p): p is { item: BatchItem; result: ItemResult } =>
              p.item.type === type && p.result?.id === p.item.record.id,
          );
        if (pairs.length === 0) return;
        const current = await readByIds(
          table,
          pairs.map((p) => p.item.record.id),
        );
        const updated: Synced[] = [];
        for (const { item, result } of pairs) {
          const record = current.get(item.record.id);
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
        await table.bulkPut(updated);
      }),
    );
    await deleteKeys(db.outbox, done);
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
