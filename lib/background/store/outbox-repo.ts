/**
 * The outbox: one entry per record that the endpoint does not yet hold at its current
 * revision. Entries are written in the same transaction as the record (strict durability),
 * so a record the reviewer saw saved is always either delivered or still queued. Entries
 * are written by lib/background/store/sync-states.ts (`queueRecords`), with the record's sync row.
 */
import type { FlagpostDb, OutboxEntry } from './db';

export const outboxKey = (type: OutboxEntry['type'], id: string) => `${type}:${id}`;

/** Oldest first, so the reviewer's earliest flags reach the endpoint first. */
export function dueEntries(db: FlagpostDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('enqueuedAt').limit(limit).toArray();
}

export function pendingCount(db: FlagpostDb): Promise<number> {
  return db.outbox.count();
}
