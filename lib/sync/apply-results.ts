/**
 * Applies the endpoint's per-record answers in one transaction: a record leaves the outbox
 * only when the endpoint has answered for its current revision. If the reviewer edited it
 * while the batch was in flight, the newer revision stays queued.
 */
import type { Table } from 'dexie';
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

export async function applyResults(
  db: FlagpostDb,
  batch: readonly BatchItem[],
  results: readonly ItemResult[],
): Promise<AppliedCounts> {
  const counts: AppliedCounts = { delivered: 0, rejected: 0, stale: 0 };
  await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
    for (const [index, item] of batch.entries()) {
      const result = results[index];
      if (!result || result.id !== item.record.id) continue; // transport checked lengths
      const table = item.type === 'flag' ? db.flags : db.notes;
      const current: (SyncFields & { revision: number }) | undefined = await table.get(
        item.record.id,
      );
      if (current && current.revision > result.revision) continue; // newer revision queued
      await db.outbox.delete(outboxKey(item.type, item.record.id));
      if (!current) continue;
      // Replace the sync fields wholesale: a delivered record loses its old error.
      await (db.table(table.name) as unknown as Table<SyncFields, string>)
        .where('id')
        .equals(item.record.id)
        .modify((record) => {
          delete record.syncError;
          delete record.syncedRevision;
          Object.assign(record, syncFieldsFor(result));
        });
      if (result.result === 'rejected') counts.rejected++;
      else if (result.result === 'stale') counts.stale++;
      else counts.delivered++;
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
