/** The sync bookkeeping kept in the database, so it survives the service worker. */
import type { FlagpostDb } from '@/lib/background/store/db';

export interface SyncStatusRecord {
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  /** Consecutive failed attempts; drives the backoff. */
  failures: number;
  nextAttemptAt?: string;
}

const KEY = 'sync';

export async function readSyncStatus(db: FlagpostDb): Promise<SyncStatusRecord> {
  const row = await db.meta.get(KEY);
  const value = row?.value as Partial<SyncStatusRecord> | undefined;
  return { failures: 0, ...(value && typeof value === 'object' ? value : {}) };
}

export async function writeSyncStatus(db: FlagpostDb, status: SyncStatusRecord): Promise<void> {
  await db.meta.put({ key: KEY, value: status });
}
