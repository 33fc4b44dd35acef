/**
 * The reviewer's queue of flags, read a page at a time: newest first, keyset-paginated over
 * an index (`createdAt`, or `[policyId+createdAt]` / `[status+createdAt]` when that filter
 * is set), so a page costs the same at the 50,000th flag as at the first and the panel
 * never needs the whole table. Deleted flags (tombstones) are never in the queue.
 */
import Dexie, { type Collection } from 'dexie';
import type { FlagStatus, Market, Severity } from '@/lib/protocol/records';
import type { FlagpostDb, StoredFlag, SyncState } from './db';

export interface QueueFilter {
  status?: FlagStatus | undefined;
  policyId?: string | undefined;
  severity?: Severity | undefined;
  market?: Market | undefined;
  creatorKey?: string | undefined;
  syncState?: SyncState | undefined;
}

/** Where the previous page ended: the last row's creation time and id (ties broken by id). */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

export interface QueuePageRequest {
  after?: QueueCursor | undefined;
  /** Rows to skip past `after` (or from the start): for jumps to a far scroll position. */
  offset?: number | undefined;
  limit: number;
}

export function matchesFilter(flag: StoredFlag, filter: QueueFilter): boolean {
  return (
    !flag.deleted &&
    (filter.status === undefined || flag.status === filter.status) &&
    (filter.policyId === undefined || flag.policyId === filter.policyId) &&
    (filter.severity === undefined || flag.severity === filter.severity) &&
    (filter.market === undefined || flag.item.market === filter.market) &&
    (filter.creatorKey === undefined || flag.creatorKey === filter.creatorKey) &&
    (filter.syncState === undefined || flag.syncState === filter.syncState)
  );
}

/** Newest first: creation time, then id (ids are time-ordered ULIDs). */
export const newestFirst = (a: StoredFlag, b: StoredFlag) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

const isAfter = (flag: StoredFlag, cursor: QueueCursor | undefined) =>
  !cursor ||
  flag.createdAt < cursor.createdAt ||
  (flag.createdAt === cursor.createdAt && flag.id < cursor.id);

/**
 * The filter's flags newest first, as an index range that starts at the cursor. IndexedDB
 * orders equal index keys by primary key, so reversed ranges run id-descending within one
 * millisecond, as `newestFirst` does.
 */
function orderedFrom(db: FlagpostDb, filter: QueueFilter, after: QueueCursor | undefined) {
  const upper = after?.createdAt ?? Dexie.maxKey;
  if (filter.policyId !== undefined)
    return db.flags
      .where('[policyId+createdAt]')
      .between([filter.policyId, Dexie.minKey], [filter.policyId, upper], true, true)
      .reverse();
  if (filter.status !== undefined)
    return db.flags
      .where('[status+createdAt]')
      .between([filter.status, Dexie.minKey], [filter.status, upper], true, true)
      .reverse();
  return db.flags.where('createdAt').belowOrEqual(upper).reverse();
}

export async function queuePage(
  db: FlagpostDb,
  filter: QueueFilter,
  request: QueuePageRequest,
): Promise<{ rows: StoredFlag[]; next?: QueueCursor }> {
  const offset = request.offset ?? 0;
  let rows: StoredFlag[];
  if (filter.creatorKey !== undefined && filter.policyId === undefined) {
    // One creator's flags are few: read them through their index and sort here.
    const all = await db.flags.where('creatorKey').equals(filter.creatorKey).toArray();
    rows = all
      .filter((flag) => matchesFilter(flag, filter) && isAfter(flag, request.after))
      .sort(newestFirst)
      .slice(offset, offset + request.limit);
  } else {
    rows = await orderedFrom(db, filter, request.after)
      .filter((flag) => matchesFilter(flag, filter) && isAfter(flag, request.after))
      .offset(offset)
      .limit(request.limit)
      .toArray();
  }
  const last = rows.at(-1);
  return rows.length === request.limit && last
    ? { rows, next: { createdAt: last.createdAt, id: last.id } }
    : { rows };
}

/**
 * The smallest index range that holds every flag of the filter (its other conditions are
 * checked on each record): one creator, one policy, one market... or the whole table.
 */
export function narrowedByIndex(db: FlagpostDb, filter: QueueFilter): Collection<StoredFlag> {
  if (filter.creatorKey !== undefined)
    return db.flags.where('creatorKey').equals(filter.creatorKey);
  if (filter.policyId !== undefined) return db.flags.where('policyId').equals(filter.policyId);
  if (filter.syncState !== undefined) return db.flags.where('syncState').equals(filter.syncState);
  if (filter.market !== undefined) return db.flags.where('item.market').equals(filter.market);
  if (filter.status !== undefined) return db.flags.where('status').equals(filter.status);
  if (filter.severity !== undefined) return db.flags.where('severity').equals(filter.severity);
  return db.flags.toCollection();
}

export type StatusCounts = Record<FlagStatus, number>;

/**
 * How many live flags match the filter, and how many of them each status would leave if
 * the status filter changed (for the status choices), in one pass over the narrowest index.
 */
export async function queueCounts(db: FlagpostDb, filter: QueueFilter) {
  const { status, ...others } = filter;
  const byStatus: StatusCounts = { suggested: 0, confirmed: 0, dismissed: 0 };
  await narrowedByIndex(db, others).each((flag) => {
    if (matchesFilter(flag, others)) byStatus[flag.status]++;
  });
  const all = byStatus.suggested + byStatus.confirmed + byStatus.dismissed;
  return { matching: status === undefined ? all : byStatus[status], byStatus };
}

/** Every live flag of the filter (inside a bulk action's transaction). */
export function matchingFlags(db: FlagpostDb, filter: QueueFilter): Promise<StoredFlag[]> {
  return narrowedByIndex(db, filter)
    .filter((flag) => matchesFilter(flag, filter))
    .toArray();
}

const MAX_CREATOR_CHOICES = 500;

/** The values the filters can take that only the data knows: policies and creators. */
export async function queueFacets(db: FlagpostDb) {
  const [policyIds, creatorKeys] = await Promise.all([
    db.flags.orderBy('policyId').uniqueKeys(),
    db.flags.orderBy('creatorKey').uniqueKeys(),
  ]);
  return {
    policyIds: policyIds.map(String),
    creatorKeys: creatorKeys
      .map(String)
      .filter((key) => key !== '')
      .slice(0, MAX_CREATOR_CHOICES),
  };
}
