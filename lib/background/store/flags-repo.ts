/** Reviewers' flags: create, edit (new revision), delete (tombstone), read per item. */
import Dexie from 'dexie';
import { newUlid } from '@/lib/shared/protocol/ids';
import { creatorKey, type Flag, itemKey } from '@/lib/shared/protocol/records';
import type { Clock } from './clock';
import type { FlagpostDb, StoredFlag, WithSync } from './db';
import { countFlagWrites } from './flag-counters';
import { liveRecordsWhere, type RecordWrites, reviseRecord, tombstoneRecord } from './records-repo';
import { applyRuleDecision } from './rule-stats-repo';
import { queueRecords, withSyncStates } from './sync-states';
import { withSync } from './sync-transitions';

/** What a new flag says: the wire record's own fields (records.ts), without its bookkeeping. */
export type NewFlag = Pick<
  Flag,
  'item' | 'policyId' | 'policyVersion' | 'ruleId' | 'severity' | 'source' | 'status'
> &
  Partial<Pick<Flag, 'evidence' | 'note'>>;

/** What an edit may change: a new revision of these fields only. */
export type FlagEdit = Partial<Pick<Flag, 'severity' | 'status' | 'note'>>;

export interface Author {
  reviewer: string;
  clock: Clock;
}

export function toStoredFlag(flag: Flag): StoredFlag {
  return {
    ...flag,
    itemKey: itemKey(flag.item),
    creatorKey: flag.item.creatorId
      ? creatorKey({ platform: flag.item.platform, creatorId: flag.item.creatorId })
      : '',
  };
}

/** What a flag write touches, in one transaction. */
const flagWriteTables = (db: FlagpostDb) => [
  db.flags,
  db.outbox,
  db.syncStates,
  db.ruleStats,
  db.flagCounters,
];

/** Writes a flag's new revision, queued, with what moves with it; returns it as a view. */
async function writeFlag(
  db: FlagpostDb,
  before: StoredFlag | undefined,
  flag: StoredFlag,
): Promise<WithSync<StoredFlag>> {
  await (before ? db.flags.put(flag) : db.flags.add(flag));
  const [row] = await queueRecords(db, 'flag', [flag], flag.updatedAt);
  await applyRuleDecision(db, before, flag);
  await countFlagWrites(db, [[before, flag]]);
  return withSync(flag, row);
}

export async function createFlag(db: FlagpostDb, input: NewFlag, author: Author) {
  const now = author.clock();
  const flag = toStoredFlag({
    id: newUlid(Date.parse(now)),
    revision: 1,
    reviewer: author.reviewer,
    createdAt: now,
    updatedAt: now,
    deleted: false,
    item: input.item,
    policyId: input.policyId,
    policyVersion: input.policyVersion,
    ...(input.ruleId ? { ruleId: input.ruleId } : {}),
    severity: input.severity,
    source: input.source,
    status: input.status,
    evidence: input.evidence ?? [],
    note: input.note ?? '',
  });
  // Rule statistics and dashboard counters change in the same transaction: a reviewer's
  // decision on an automatic finding is what measures the rule's precision.
  return db.transaction('rw', flagWriteTables(db), async () => writeFlag(db, undefined, flag));
}

const flagWrites = (db: FlagpostDb): RecordWrites<StoredFlag> => ({
  kind: 'flag',
  table: db.flags,
  tables: flagWriteTables(db),
  write: (before, flag) => writeFlag(db, before, flag),
});

export const editFlag = (db: FlagpostDb, id: string, edit: FlagEdit, author: Author) =>
  reviseRecord(db, flagWrites(db), id, edit, author.clock);

export const deleteFlag = (db: FlagpostDb, id: string, author: Author) =>
  tombstoneRecord(db, flagWrites(db), id, author.clock);

/** Live (not deleted) flags on one item, oldest first (ids are time-ordered). */
export const flagsForItem = (db: FlagpostDb, key: string): Promise<WithSync<StoredFlag>[]> =>
  liveRecordsWhere(db, flagWrites(db), 'itemKey', key);

/** From the per-status counters (a handful of rows), not by walking every flag. */
export async function countLiveFlags(db: FlagpostDb): Promise<number> {
  const rows = await db.flagCounters
    .where(':id')
    .between(['status'], ['status', Dexie.maxKey])
    .toArray();
  return rows.reduce((sum, row) => sum + row.count, 0);
}

/** Live flags on each of these items, in one indexed query, grouped by item key. */
export async function liveFlagsByItem(
  db: FlagpostDb,
  keys: readonly string[],
): Promise<Map<string, WithSync<StoredFlag>[]>> {
  const byItem = new Map<string, WithSync<StoredFlag>[]>();
  if (keys.length === 0) return byItem;
  const all = await db.flags
    .where('itemKey')
    .anyOf([...new Set(keys)])
    .toArray();
  const flags = await withSyncStates(
    db,
    'flag',
    all.filter((flag) => !flag.deleted),
  );
  for (const flag of flags) {
    const list = byItem.get(flag.itemKey) ?? [];
    list.push(flag);
    byItem.set(flag.itemKey, list);
  }
  return byItem;
}
