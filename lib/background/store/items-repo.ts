/** Items and creators as last seen on pages, so flags can be listed with their context. */
import { type Creator, creatorKey, type ItemRef, itemKey } from '@/lib/shared/protocol/records';
import type { Clock } from './clock';
import type { FlagpostDb, StoredItem } from './db';

export async function rememberItem(
  db: FlagpostDb,
  item: ItemRef,
  creator: Creator | undefined,
  clock: Clock,
): Promise<StoredItem> {
  const now = clock();
  const stored: StoredItem = {
    ...item,
    key: itemKey(item),
    creatorKey: creator ? creatorKey(creator) : '',
    lastSeenAt: now,
  };
  await db.transaction('rw', db.items, db.creators, async () => {
    await db.items.put(stored);
    if (creator) await db.creators.put({ ...creator, key: creatorKey(creator), lastSeenAt: now });
  });
  return stored;
}
