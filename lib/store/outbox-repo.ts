/**
 * The outbox: one entry per record that the endpoint does not yet hold at its current
 * revision. Entries are written in the same transaction as the record (strict durability),
 * so a record the reviewer saw saved is always either delivered or still queued.
 */
import type { FlagpostDb, OutboxEntry } from './db';

export const outboxKey = (type: OutboxEntry['type'], id: string) => `${type}:${id}`;

/** Call inside a transaction that includes db.outbox. Keeps the original enqueue time. */
export async function enqueue(db: FlagpostDb, type: OutboxEntry['type'], id: string, now: string) {
  const key = outboxKey(type, id);
  const existing = await db.outbox.get(key);
  await db.outbox.put(existing ?? { key, type, id, enqueuedAt: now, attempts: 0 });
}

/** Oldest first, so the reviewer's earliest flags reach the endpoint first. */
export function dueEntries(db: FlagpostDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('enqueuedAt').limit(limit).toArray();
}

export function pendingCount(db: FlagpostDb): Promise<number> {
  return db.outbox.count();
}
