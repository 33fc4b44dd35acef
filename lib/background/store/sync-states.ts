/**
 * Reads and writes of the records' sync rows (schema v5, see SyncStateRow). Every write of a
 * flag or note writes its row in the same transaction — call these inside a transaction
 * that includes db.syncStates (and db.outbox for queueRecords) — so a row's `revision` is
 * always its record's. The states themselves come from lib/background/store/sync-transitions.ts.
 */
import Dexie from 'dexie';
import type { FlagpostDb, OutboxEntry, SyncState, SyncStateRow, WithSync } from './db';
import { localOnlyRow, queuedRow, type RecordRef, syncKey, withSync } from './sync-transitions';

type RecordType = SyncStateRow['type'];

/** The rows of these records, by record id (absent ones left out). */
export async function syncRowsOf(
  db: FlagpostDb,
  type: RecordType,
  ids: readonly string[],
): Promise<Map<string, SyncStateRow>> {
  const rows = await db.syncStates.bulkGet(ids.map((id) => syncKey(type, id)));
  const byId = new Map<string, SyncStateRow>();
  for (const row of rows) if (row) byId.set(row.id, row);
  return byId;
}

/** The records joined with their sync state, in the same order. */
export async function withSyncStates<T extends { id: string }>(
  db: FlagpostDb,
  type: RecordType,
  records: readonly T[],
): Promise<WithSync<T>[]> {
  if (records.length === 0) return [];
  const rows = await syncRowsOf(
    db,
    type,
    records.map((r) => r.id),
  );
  return records.map((record) => withSync(record, rows.get(record.id)));
}

/** One record joined with its sync state. */
export async function withSyncState<T extends { id: string }>(
  db: FlagpostDb,
  type: RecordType,
  record: T,
): Promise<WithSync<T>> {
  return withSync(record, await db.syncStates.get(syncKey(type, record.id)));
}

/**
 * Queues these records (at their current revisions) for delivery: their outbox entries
 * (keeping the enqueue time of one already waiting) and their rows, `pending`. Returns the
 * rows written, in order.
 */
export async function queueRecords(
  db: FlagpostDb,
  type: RecordType,
  records: readonly RecordRef[],
  now: string,
): Promise<SyncStateRow[]> {
  if (records.length === 0) return [];
  const keys = records.map((r) => syncKey(type, r.id));
  const [previous, waiting] = await Promise.all([
    db.syncStates.bulkGet(keys),
    db.outbox.bulkGet(keys),
  ]);
  const rows = records.map((record, i) => queuedRow(type, record, previous[i]));
  const entries = records.map((record, i): OutboxEntry => {
    const entry = waiting[i];
    // A new revision keeps its place in the queue but not the failures of the one before.
    if (entry)
      return { key: entry.key, type, id: entry.id, enqueuedAt: entry.enqueuedAt, attempts: 0 };
    return { key: syncKey(type, record.id), type, id: record.id, enqueuedAt: now, attempts: 0 };
  });
  await Promise.all([db.syncStates.bulkPut(rows), db.outbox.bulkPut(entries)]);
  return rows;
}

/** Marks these records kept on this device only (not queued). */
export async function keepLocalOnly(
  db: FlagpostDb,
  type: RecordType,
  records: readonly RecordRef[],
): Promise<void> {
  if (records.length === 0) return;
  const previous = await db.syncStates.bulkGet(records.map((r) => syncKey(type, r.id)));
  await db.syncStates.bulkPut(records.map((record, i) => localOnlyRow(type, record, previous[i])));
}

/** Rows of one type in one state, newest record first, through [type+syncState+createdAt]. */
export function rowsInState(db: FlagpostDb, type: RecordType, state: SyncState, upTo?: string) {
  return db.syncStates
    .where('[type+syncState+createdAt]')
    .between([type, state, Dexie.minKey], [type, state, upTo ?? Dexie.maxKey], true, true)
    .reverse();
}

/** Records (flags and notes) in this state. */
export function countInState(db: FlagpostDb, state: SyncState): Promise<number> {
  return db.syncStates.where('syncState').equals(state).count();
}
