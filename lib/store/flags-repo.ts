/** Reviewers' flags: create, edit (new revision), delete (tombstone), read per item. */
import Dexie from 'dexie';
import { newUlid } from '@/lib/protocol/ids';
import {
  creatorKey,
  type Evidence,
  type Flag,
  type FlagSource,
  type FlagStatus,
  type ItemRef,
  itemKey,
  type Severity,
} from '@/lib/protocol/records';
import type { Clock } from './clock';
import type { FlagpostDb, StoredFlag } from './db';
import { countFlagWrites } from './flag-counters';
import { enqueue } from './outbox-repo';
import { pendingRevision, RecordNotFoundError } from './records-repo';
import { applyRuleDecision } from './rule-stats-repo';

export interface NewFlag {
  item: ItemRef;
  policyId: string;
  policyVersion: string;
  ruleId?: string;
  severity: Severity;
  source: FlagSource;
  status: FlagStatus;
  evidence?: Evidence[];
  note?: string;
}

export interface FlagEdit {
  severity?: Severity;
  status?: FlagStatus;
  note?: string;
}

export interface Author {
  reviewer: string;
  clock: Clock;
}

export function toStoredFlag(flag: Flag): StoredFlag {
  return {
    ...flag,
    syncState: 'pending',
    itemKey: itemKey(flag.item),
    creatorKey: flag.item.creatorId
      ? creatorKey({ platform: flag.item.platform, creatorId: flag.item.creatorId })
      : '',
  };
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
  await db.transaction('rw', [db.flags, db.outbox, db.ruleStats, db.flagCounters], async () => {
    await db.flags.add(flag);
    await enqueue(db, 'flag', flag.id, now);
    await applyRuleDecision(db, undefined, flag);
    await countFlagWrites(db, [[undefined, flag]]);
  });
  return flag;
}

export async function editFlag(db: FlagpostDb, id: string, edit: FlagEdit, author: Author) {
  return db.transaction('rw', [db.flags, db.outbox, db.ruleStats, db.flagCounters], async () => {
    const current = await db.flags.get(id);
    if (!current || current.deleted) throw new RecordNotFoundError('flag', id);
    const next = pendingRevision(current, edit, author.clock());
    await db.flags.put(next);
    await enqueue(db, 'flag', id, next.updatedAt);
    await applyRuleDecision(db, current, next);
    await countFlagWrites(db, [[current, next]]);
    return next;
  });
}

export async function deleteFlag(db: FlagpostDb, id: string, author: Author) {
  return db.transaction('rw', [db.flags, db.outbox, db.ruleStats, db.flagCounters], async () => {
    const current = await db.flags.get(id);
    if (!current) throw new RecordNotFoundError('flag', id);
    if (current.deleted) return current;
    const tombstone = pendingRevision(current, { deleted: true }, author.clock());
    await db.flags.put(tombstone);
    await enqueue(db, 'flag', id, tombstone.updatedAt);
    await applyRuleDecision(db, current, tombstone);
    await countFlagWrites(db, [[current, tombstone]]);
    return tombstone;
  });
}

/** Live (not deleted) flags on one item, oldest first (ids are time-ordered). */
export async function flagsForItem(db: FlagpostDb, key: string): Promise<StoredFlag[]> {
  const flags = await db.flags.where('itemKey').equals(key).sortBy('id');
  return flags.filter((flag) => !flag.deleted);
}

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
): Promise<Map<string, StoredFlag[]>> {
  const byItem = new Map<string, StoredFlag[]>();
  if (keys.length === 0) return byItem;
  const flags = await db.flags
    .where('itemKey')
    .anyOf([...new Set(keys)])
    .toArray();
  for (const flag of flags) {
    if (flag.deleted) continue;
    const list = byItem.get(flag.itemKey) ?? [];
    list.push(flag);
    byItem.set(flag.itemKey, list);
  }
  return byItem;
}
