/**
 * The reviewer's queue of flags, read a page at a time: newest first, keyset-paginated over
 * an index (`createdAt`, or `[policyId+createdAt]` / `[status+createdAt]` when that filter
 * is set), so a page costs the same at the 50,000th flag as at the first and the panel
 * never needs the whole table. Deleted flags (tombstones) are never in the queue. A sync
 * state filter alone pages the sync rows' `[type+syncState+createdAt]` index instead, and
 * reads the flags of each chunk by id (sync states live in their own table since v5).
 */
import Dexie, { type Collection } from 'dexie';
import { localDayBounds } from '@/lib/shared/local-day';
import type { FlagStatus, Market, Severity } from '@/lib/shared/protocol/records';
import type { FlagpostDb, StoredFlag, SyncState, WithSync } from './db';
import { rowsInState, withSyncStates } from './sync-states';
import { withSync } from './sync-transitions';

type QueueFlag = WithSync<StoredFlag>;

export interface QueueFilter {
  status?: FlagStatus | undefined;
  policyId?: string | undefined;
  severity?: Severity | undefined;
  market?: Market | undefined;
  creatorKey?: string | undefined;
  syncState?: SyncState | undefined;
  /** A local calendar day of creation, YYYY-MM-DD (lib/shared/local-day.ts). */
  day?: string | undefined;
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

/** The filter without its sync state: what a flag record alone can answer. */
export type FlagFilter = Omit<QueueFilter, 'syncState'>;

/** The last day asked for and its bounds: a filter checks many flags against one day. */
let lastDay: { day: string; start: number; end: number } | undefined;
function dayBounds(day: string) {
  if (lastDay?.day !== day) {
    const { start, end } = localDayBounds(day);
    lastDay = { day, start: Date.parse(start), end: Date.parse(end) };
  }
  return lastDay;
}

function inDay(createdAt: string, day: string | undefined): boolean {
  if (day === undefined) return true;
  const { start, end } = dayBounds(day);
  const at = Date.parse(createdAt);
  return at >= start && at < end;
}

export function matchesFlagFilter(flag: StoredFlag, filter: FlagFilter): boolean {
  return (
    inDay(flag.createdAt, filter.day) &&
    !flag.deleted &&
    (filter.status === undefined || flag.status === filter.status) &&
    (filter.policyId === undefined || flag.policyId === filter.policyId) &&
    (filter.severity === undefined || flag.severity === filter.severity) &&
    (filter.market === undefined || flag.item.market === filter.market) &&
    (filter.creatorKey === undefined || flag.creatorKey === filter.creatorKey)
  );
}

export function matchesFilter(flag: QueueFlag, filter: QueueFilter): boolean {
  return (
    matchesFlagFilter(flag, filter) &&
    (filter.syncState === undefined || flag.syncState === filter.syncState)
  );
}

/** Newest first: creation time, then id (ids are time-ordered ULIDs). */
export const newestFirst = (a: StoredFlag, b: StoredFlag) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

const isAfter = (flag: QueueCursor, cursor: QueueCursor | undefined) =>
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

/** Joins the flags in order, reading through them a chunk at a time until the page is full. */
async function collect<S extends QueueCursor>(
  read: (after: QueueCursor | undefined, take: number) => Promise<S[]>,
  join: (chunk: S[]) => Promise<QueueFlag[]>,
  keep: (flag: QueueFlag) => boolean,
  request: QueuePageRequest,
): Promise<QueueFlag[]> {
  const rows: QueueFlag[] = [];
  let skip = request.offset ?? 0;
  let after = request.after;
  let take = Math.min(Math.max(skip + request.limit, 50), 1000);
  for (;;) {
    const chunk = await read(after, take);
    for (const flag of await join(chunk)) {
      if (!keep(flag)) continue;
      if (skip > 0) skip--;
      else if (rows.push(flag) === request.limit) return rows;
    }
    const last = chunk.at(-1);
    if (chunk.length < take || !last) return rows;
    after = { createdAt: last.createdAt, id: last.id };
    take = Math.min(take * 2, 2000);
  }
}

async function pageOf(
  db: FlagpostDb,
  filter: QueueFilter,
  request: QueuePageRequest,
): Promise<QueueFlag[]> {
  const offset = request.offset ?? 0;
  const { syncState, ...flagFilter } = filter;
  const join = (flags: StoredFlag[]) => withSyncStates(db, 'flag', flags);
  if (filter.creatorKey !== undefined && filter.policyId === undefined) {
    // One creator's flags are few: read them through their index and sort here.
    const all = await join(await db.flags.where('creatorKey').equals(filter.creatorKey).toArray());
    return all
      .filter((flag) => matchesFilter(flag, filter) && isAfter(flag, request.after))
      .sort(newestFirst)
      .slice(offset, offset + request.limit);
  }
  if (syncState === undefined)
    return join(
      await orderedFrom(db, filter, request.after)
        .filter((flag) => matchesFlagFilter(flag, flagFilter) && isAfter(flag, request.after))
        .offset(offset)
        .limit(request.limit)
        .toArray(),
    );
  const keep = (flag: QueueFlag) => matchesFilter(flag, filter);
  if (filter.policyId !== undefined || filter.status !== undefined)
    // Their index ranges first, the sync state of each chunk joined after.
    return collect(
      (after, take) =>
        orderedFrom(db, filter, after)
          .filter((flag) => matchesFlagFilter(flag, flagFilter) && isAfter(flag, after))
          .limit(take)
          .toArray(),
      join,
      keep,
      request,
    );
  return collect(
    (after, take) =>
      rowsInState(db, 'flag', syncState, after?.createdAt)
        .filter((row) => isAfter(row, after))
        .limit(take)
        .toArray(),
    async (chunk) => {
      const flags = await db.flags.bulkGet(chunk.map((row) => row.id));
      return chunk.flatMap((row, i) => {
        const flag = flags[i];
        return flag ? [withSync(flag, row)] : [];
      });
    },
    keep,
    request,
  );
}

export async function queuePage(
  db: FlagpostDb,
  filter: QueueFilter,
  request: QueuePageRequest,
): Promise<{ rows: QueueFlag[]; next?: QueueCursor }> {
  const rows = await pageOf(db, filter, request);
  const last = rows.at(-1);
  return rows.length === request.limit && last
    ? { rows, next: { createdAt: last.createdAt, id: last.id } }
    : { rows };
}

/**
 * The smallest index range that holds every flag of the filter (its other conditions are
 * checked on each record): one creator, one policy, one market... or the whole table.
 */
export function narrowedByIndex(db: FlagpostDb, filter: FlagFilter): Collection<StoredFlag> {
  if (filter.creatorKey !== undefined)
    return db.flags.where('creatorKey').equals(filter.creatorKey);
  if (filter.policyId !== undefined) return db.flags.where('policyId').equals(filter.policyId);
  if (filter.market !== undefined) return db.flags.where('item.market').equals(filter.market);
  if (filter.status !== undefined) return db.flags.where('status').equals(filter.status);
  if (filter.severity !== undefined) return db.flags.where('severity').equals(filter.severity);
  return db.flags.toCollection();
}

/** Live flags in one sync state that match the rest of the filter, through the sync rows. */
async function flagsInState(
  db: FlagpostDb,
  state: SyncState,
  filter: FlagFilter,
): Promise<QueueFlag[]> {
  const rows = await rowsInState(db, 'flag', state).toArray();
  const flags = await db.flags.bulkGet(rows.map((row) => row.id));
  return flags.flatMap((flag, i) =>
    flag && matchesFlagFilter(flag, filter) ? [withSync(flag, rows[i])] : [],
  );
}

/** Every live flag of the filter, with its sync state (inside a bulk action's transaction). */
export async function matchingFlags(db: FlagpostDb, filter: QueueFilter): Promise<QueueFlag[]> {
  const { syncState, ...flagFilter } = filter;
  // One creator's or one policy's flags are read through their index, as without the state.
  if (syncState !== undefined && filter.creatorKey === undefined && filter.policyId === undefined)
    return flagsInState(db, syncState, flagFilter);
  const flags = await narrowedByIndex(db, flagFilter)
    .filter((flag) => matchesFlagFilter(flag, flagFilter))
    .toArray();
  const joined = await withSyncStates(db, 'flag', flags);
  return syncState === undefined ? joined : joined.filter((flag) => flag.syncState === syncState);
}

export type StatusCounts = Record<FlagStatus, number>;

/**
 * How many live flags match the filter, and how many of them each status would leave if
 * the status filter changed (for the status choices), in one pass over the narrowest index
 * (the sync rows' index when only a sync state narrows it).
 */
export async function queueCounts(db: FlagpostDb, filter: QueueFilter) {
  const { status, ...others } = filter;
  const byStatus: StatusCounts = { suggested: 0, confirmed: 0, dismissed: 0 };
  if (others.syncState === undefined)
    await narrowedByIndex(db, others).each((flag) => {
      if (matchesFlagFilter(flag, others)) byStatus[flag.status]++;
    });
  else for (const flag of await matchingFlags(db, others)) byStatus[flag.status]++;
  const all = byStatus.suggested + byStatus.confirmed + byStatus.dismissed;
  return { matching: status === undefined ? all : byStatus[status], byStatus };
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
