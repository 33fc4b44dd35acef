/**
 * Revision bookkeeping shared by flags and notes: every edit and every deletion makes the
 * next revision, so the governance endpoint can tell new from stale and deletions sync as
 * tombstones instead of vanishing.
 */
import type { Table } from 'dexie';
import type { FlagpostDb, SyncStateRow, WithSync } from './db';
import { withSyncState, withSyncStates } from './sync-states';

export interface RevisionedRecord {
  id: string;
  revision: number;
  updatedAt: string;
  deleted: boolean;
}

/**
 * The next revision of a record. The caller queues it (lib/background/store/sync-states.ts,
 * `queueRecords`) in the same transaction as it writes it.
 */
export function nextRevision<T extends RevisionedRecord>(
  record: T,
  patch: NoInfer<Partial<T>>,
  now: string,
): T {
  return { ...record, ...patch, revision: record.revision + 1, updatedAt: now };
}

export class RecordNotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} with id ${id}`);
    this.name = 'RecordNotFoundError';
  }
}

/**
 * How one kind of record is written: flags and notes edit and delete the same way (read,
 * refuse a missing one, write the next revision in one transaction); only what moves with
 * the write differs (rule statistics and counters for flags), which `write` carries.
 */
export interface RecordWrites<T extends RevisionedRecord> {
  kind: SyncStateRow['type'];
  table: Table<T, string>;
  /** Every table `write` touches, for the transaction. */
  tables: Table[];
  /** Writes the record's new revision, queued, with what moves with it. */
  write: (before: T | undefined, record: T) => Promise<WithSync<T>>;
}

/** A new revision of a live record with this patch; a missing or deleted one is refused. */
export async function reviseRecord<T extends RevisionedRecord>(
  db: FlagpostDb,
  writes: RecordWrites<T>,
  id: string,
  patch: NoInfer<Partial<T>>,
  now: () => string,
): Promise<WithSync<T>> {
  return db.transaction('rw', writes.tables, async () => {
    const current = await writes.table.get(id);
    if (!current || current.deleted) throw new RecordNotFoundError(writes.kind, id);
    return writes.write(current, nextRevision(current, patch, now()));
  });
}

/** The record's tombstone as its next revision; deleting it again changes nothing. */
export async function tombstoneRecord<T extends RevisionedRecord>(
  db: FlagpostDb,
  writes: RecordWrites<T>,
  id: string,
  now: () => string,
): Promise<WithSync<T>> {
  return db.transaction('rw', writes.tables, async () => {
    const current = await writes.table.get(id);
    if (!current) throw new RecordNotFoundError(writes.kind, id);
    if (current.deleted) return withSyncState(db, writes.kind, current);
    const patch = { deleted: true } as Partial<T>;
    return writes.write(current, nextRevision(current, patch, now()));
  });
}

/** Live (not deleted) records whose `index` holds `key`, oldest first (ids are time-ordered). */
export async function liveRecordsWhere<T extends RevisionedRecord>(
  db: FlagpostDb,
  writes: RecordWrites<T>,
  index: string,
  key: string,
): Promise<WithSync<T>[]> {
  const records = await writes.table.where(index).equals(key).sortBy('id');
  return withSyncStates(
    db,
    writes.kind,
    records.filter((record) => !record.deleted),
  );
}
