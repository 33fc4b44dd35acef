/**
 * The endpoint's creator history, cached with the time it was fetched so that the score and
 * the creator panel work offline and can say how old what they show is. Rows are validated
 * again on the way out: a row written by an older release, or damaged, reads as absent
 * instead of breaking the score.
 */
import { type CreatorHistory, creatorHistorySchema } from '@/lib/shared/protocol/history';
import type { FlagpostDb } from './db';

export interface CachedHistory {
  fetchedAt: string;
  history: CreatorHistory;
}

export async function saveCreatorHistory(
  db: FlagpostDb,
  key: string,
  history: CreatorHistory,
  fetchedAt: string,
): Promise<void> {
  await db.creatorHistory.put({ creatorKey: key, fetchedAt, history });
}

export async function cachedHistories(
  db: FlagpostDb,
  keys: readonly string[],
): Promise<Map<string, CachedHistory>> {
  const rows = await db.creatorHistory.bulkGet([...keys]);
  const found = new Map<string, CachedHistory>();
  for (const row of rows) {
    if (!row) continue;
    const parsed = creatorHistorySchema.safeParse(row.history);
    if (parsed.success)
      found.set(row.creatorKey, { fetchedAt: row.fetchedAt, history: parsed.data });
  }
  return found;
}

export async function cachedHistory(
  db: FlagpostDb,
  key: string,
): Promise<CachedHistory | undefined> {
  return (await cachedHistories(db, [key])).get(key);
}

/** Keys whose cache is missing or older than `maxAgeMs` at `now`. */
export async function staleHistoryKeys(
  db: FlagpostDb,
  keys: readonly string[],
  now: number,
  maxAgeMs: number,
): Promise<string[]> {
  const rows = await db.creatorHistory.bulkGet([...keys]);
  return keys.filter((_, i) => {
    const row = rows[i];
    return !row || now - Date.parse(row.fetchedAt) > maxAgeMs;
  });
}
