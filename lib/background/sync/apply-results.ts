/**
 * Applies the endpoint's per-record answers in one transaction: a record leaves the outbox
 * only when the endpoint has answered for its current revision. If the reviewer edited it
 * while the batch was in flight, the newer revision stays queued.
 *
 * The transaction touches only the small sync rows and the outbox, never the records: a
 * record's row is written in the same transaction as every write of the record, so the
 * row's `revision` is the record's current revision (lib/background/store/sync-states.ts).
 */

import type { FlagpostDb, SyncStateRow } from '@/lib/background/store/db';
import { answeredRow, rejectedRow, syncKey } from '@/lib/background/store/sync-transitions';
import type { BatchItem, ItemResult } from '@/lib/shared/protocol/batch';
import { deleteKeys, readByKeys } from './read-records';

export interface AppliedCounts {
  delivered: number;
  rejected: number;
  stale: number;
}

const rowKey = (row: SyncStateRow) => row.key;

export async function applyResults(
  db: FlagpostDb,
  batch: readonly BatchItem[],
  results: readonly ItemResult[],
): Promise<AppliedCounts> {
  const counts: AppliedCounts = { delivered: 0, rejected: 0, stale: 0 };
  const answered = batch.flatMap((item, index) => {
    const result = results[index];
    return result?.id === item.record.id
      ? [{ key: syncKey(item.type, item.record.id), result }]
      : [];
  });
  // One transaction, a handful of requests: a range read of the rows (one per record type:
  // keys are `type:id`), one bulk put of the rows, range deletes of the outbox entries
  // (BENCHMARKS.md, "Sync", in real Chromium).
  await db.transaction('rw', db.syncStates, db.outbox, async () => {
    const rows = new Map<string, SyncStateRow>();
    for (const type of ['flag', 'note'] as const) {
      const keys = answered.filter((a) => a.key.startsWith(`${type}:`)).map((a) => a.key);
      if (keys.length > 0)
        for (const [key, row] of await readByKeys(db.syncStates, keys, rowKey)) rows.set(key, row);
    }
    const done: string[] = [];
    const updated: SyncStateRow[] = [];
    for (const { key, result } of answered) {
      const row = rows.get(key);
      if (row && row.revision > result.revision) continue; // newer revision queued
      done.push(key);
      if (!row) continue; // no such record
      updated.push(answeredRow(row, result));
      if (result.result === 'rejected') counts.rejected++;
      else if (result.result === 'stale') counts.stale++;
      else counts.delivered++;
    }
    await Promise.all([db.syncStates.bulkPut(updated), deleteKeys(db.outbox, done)]);
  });
  return counts;
}

/** Marks records rejected locally (too large to send, or invalid as stored). */
export async function rejectLocally(
  db: FlagpostDb,
  items: readonly { type: BatchItem['type']; id: string; reason: string }[],
): Promise<void> {
  if (items.length === 0) return;
  await db.transaction('rw', db.syncStates, db.outbox, async () => {
    const keys = items.map(({ type, id }) => syncKey(type, id));
    const rows = await db.syncStates.bulkGet(keys);
    await db.syncStates.bulkPut(
      items.flatMap(({ reason }, i) => {
        const row = rows[i];
        return row ? [rejectedRow(row, reason)] : [];
      }),
    );
    await db.outbox.bulkDelete(keys);
  });
}
