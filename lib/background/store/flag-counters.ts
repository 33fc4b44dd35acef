/**
 * Counts of live flags for the dashboard, kept in their own table and moved in the same
 * transaction as every flag write, so the dashboard reads a few hundred counter rows instead
 * of walking 100,000 flags (IndexedDB has no O(1) count over an index range; see
 * BENCHMARKS.md, "Dashboard in real Chromium").
 *
 * A counter's key is an array: the dimension, then its values, e.g.
 * `['policy-hour', '2026-11-22T13', 'off-platform']`. Array keys compare element by element,
 * so no id can collide with another, and one dimension (or one dimension's time range) is
 * one key range. Time buckets are UTC hours and UTC days of the flag's creation: the
 * dashboard's days are the reviewer's local days, which start on a whole UTC hour in every
 * market Flagpost serves; interior whole UTC days are read from the day rows.
 *
 * Deleted flags (tombstones) count nowhere. Every writer of the flags table calls
 * `countFlagWrites` with the flags as they were and as they are; the pure `counterDelta`
 * says what moves.
 */
import type { Table } from 'dexie';
import type { FlagCounterRow, FlagpostDb, StoredFlag } from './db';

export type CounterKey = string[];

/** The fields counted; a flag of any schema version since 3 has them all. */
export type CountedFlag = Pick<
  StoredFlag,
  'createdAt' | 'deleted' | 'policyId' | 'status' | 'severity' | 'item' | 'creatorKey' | 'source'
> & { ruleId?: string };

/** `YYYY-MM-DDTHH` (UTC) of an instant. */
export const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

function creationHour(createdAt: string): string {
  const ms = Date.parse(createdAt);
  return Number.isNaN(ms) ? createdAt.slice(0, 13) : hourOf(ms);
}

/** Every counter a flag adds one to; none for an absent or deleted flag. */
export function counterKeys(flag: CountedFlag | undefined): CounterKey[] {
  if (!flag || flag.deleted) return [];
  const { policyId, status } = flag;
  const hour = creationHour(flag.createdAt);
  const day = hour.slice(0, 10);
  const keys: CounterKey[] = [
    ['status', status],
    ['policy', policyId],
    ['severity', flag.severity],
    ['market', flag.item.market ?? ''],
    ['all-hour', hour, ''],
    ['all-day', day, ''],
    ['policy-hour', hour, policyId],
    ['policy-day', day, policyId],
    ['status-hour', hour, status],
    ['status-day', day, status],
  ];
  if (flag.creatorKey) keys.push(['creator', flag.creatorKey]);
  // Decisions standing on automatic findings, per rule: the dashboard's precision table
  // when no decision has been recorded in ruleStats yet.
  if (flag.source === 'auto' && flag.ruleId && status !== 'suggested')
    keys.push(['rule', policyId, flag.ruleId, status]);
  return keys;
}

export interface CounterChange {
  key: CounterKey;
  delta: number;
}

/** Counter changes by `JSON.stringify(key)`, summed over any number of writes. */
export type CounterDelta = Map<string, CounterChange>;

/**
 * What a write moves: minus one for each counter of the flag as it was, plus one for each of
 * the flag as it is (undefined: absent). Adds into `into` when given, to sum many writes.
 */
export function counterDelta(
  before: CountedFlag | undefined,
  after: CountedFlag | undefined,
  into: CounterDelta = new Map(),
): CounterDelta {
  for (const [flag, sign] of [
    [before, -1],
    [after, 1],
  ] as const)
    for (const key of counterKeys(flag)) {
      const id = JSON.stringify(key);
      const change = into.get(id) ?? { key, delta: 0 };
      change.delta += sign;
      into.set(id, change);
    }
  return into;
}

/** The rows of counters with a positive count (a counter that reaches 0 is deleted). */
export function counterRows(delta: CounterDelta): FlagCounterRow[] {
  return [...delta.values()]
    .filter((c) => c.delta > 0)
    .map(({ key, delta }) => ({ key, dimension: key[0] ?? '', count: delta }));
}

/**
 * Applies a delta in the caller's transaction (which must include db.flagCounters, or Dexie
 * refuses), so flags and counters change together or not at all.
 */
export async function applyCounterDelta(db: FlagpostDb, delta: CounterDelta): Promise<void> {
  const changes = [...delta.values()].filter((c) => c.delta !== 0);
  if (changes.length === 0) return;
  await db.transaction('rw', db.flagCounters, async () => {
    const rows = await db.flagCounters.bulkGet(changes.map((c) => c.key));
    const keep: FlagCounterRow[] = [];
    const drop: CounterKey[] = [];
    for (const [i, { key, delta: moved }] of changes.entries()) {
      const count = (rows[i]?.count ?? 0) + moved;
      if (count > 0) keep.push({ key, dimension: key[0] ?? '', count });
      else if (rows[i]) drop.push(key);
    }
    await Promise.all([db.flagCounters.bulkPut(keep), db.flagCounters.bulkDelete(drop)]);
  });
}

/** The one hook for writers of the flags table: pairs of (as it was, as it is now). */
export async function countFlagWrites(
  db: FlagpostDb,
  writes: Iterable<readonly [StoredFlag | undefined, StoredFlag | undefined]>,
): Promise<void> {
  const delta: CounterDelta = new Map();
  for (const [before, after] of writes) counterDelta(before, after, delta);
  await applyCounterDelta(db, delta);
}

const REBUILD_PAGE = 5_000;

/**
 * Recounts every flag into an emptied counter table (the v4 upgrade, in its transaction).
 * Pages by primary key: one getAll per page, far cheaper than a cursor per record.
 */
export async function rebuildFlagCounters(
  flags: Table<StoredFlag, string>,
  counters: Table<FlagCounterRow, CounterKey>,
): Promise<void> {
  const delta: CounterDelta = new Map();
  let after: string | undefined;
  for (;;) {
    const page: StoredFlag[] = await (after === undefined
      ? flags.orderBy(':id').limit(REBUILD_PAGE).toArray()
      : flags.where(':id').above(after).limit(REBUILD_PAGE).toArray());
    for (const flag of page) counterDelta(undefined, flag, delta);
    if (page.length < REBUILD_PAGE) break;
    after = page.at(-1)?.id;
  }
  await counters.clear();
  await counters.bulkPut(counterRows(delta));
}
