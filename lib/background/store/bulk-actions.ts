/**
 * Bulk actions on the reviewer's queue, and the undo of the last one. Each action reads its
 * flags, writes their next revisions, queues them in the outbox and records the undo row in
 * ONE transaction: a crash leaves either all of it or none. Undo never rewrites history: it
 * writes the earlier state back as new revisions, which the outbox then syncs.
 */
import type {
  BulkActionView,
  UndoResultView,
  UndoSummaryView,
} from '@/lib/messaging/workspace-messages';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag } from '@/lib/shared/protocol/records';
import type { FlagpostDb, StoredFlag, UndoRow, WithSync } from './db';
import { countFlagWrites } from './flag-counters';
import type { Author } from './flags-repo';
import { matchingFlags, type QueueFilter } from './queue-repo';
import { nextRevision } from './records-repo';
import { applyRuleDecisions } from './rule-stats-repo';
import { queueRecords, withSyncStates } from './sync-states';
import { withoutSync } from './sync-transitions';

/** The shapes the workspace messages declare (workspace-messages.ts), declared once there. */
export type BulkAction = BulkActionView;
export type BulkSelection = { ids: string[] } | { filter: QueueFilter };

/**
 * One action touches at most this many flags: the undo row holds them all in one IndexedDB
 * value and the transaction holds them all in memory. Larger sets: narrow the filter.
 */
export const MAX_BULK_FLAGS = 20_000;
const NOTE_MAX = 5000;

export class BulkTooLargeError extends Error {
  constructor(count: number, limit: number) {
    super(`${count} flags selected; one bulk action takes at most ${limit}.`);
    this.name = 'BulkTooLargeError';
  }
}

export interface BulkResult {
  /** Flags that got a new revision (or, for sync, were queued again). */
  affected: number;
  /** Set when the action can be undone. */
  undoId?: string;
}

/** The reason is kept on each flag, after its note, so it syncs with the flag. */
export function noteWithReason(note: string, action: BulkAction, reason: string): string {
  const line = `[bulk ${action}] ${reason}`;
  const kept = note.slice(0, Math.max(0, NOTE_MAX - line.length - 1));
  return (kept ? `${kept}\n${line}` : line).slice(0, NOTE_MAX);
}

function nextState(flag: StoredFlag, action: Exclude<BulkAction, 'sync'>): Partial<Flag> | null {
  if (action === 'delete') return { deleted: true };
  const status = action === 'confirm' ? 'confirmed' : 'dismissed';
  return flag.status === status ? null : { status };
}

/** What a bulk action and its undo write, in one transaction. */
const bulkTables = (db: FlagpostDb) => [
  db.flags,
  db.outbox,
  db.syncStates,
  db.undo,
  db.ruleStats,
  db.flagCounters,
];

/**
 * Writes the new revisions, queues them, and moves the confirm/dismiss counts of their
 * rules (for rule precision) and the dashboard counters in the caller's transaction, as
 * single edits do.
 */
async function writeRevisions(
  db: FlagpostDb,
  before: readonly StoredFlag[],
  after: readonly StoredFlag[],
  now: string,
) {
  await db.flags.bulkPut([...after]);
  await queueRecords(db, 'flag', after, now);
  const writes = after.map((flag, i) => [before[i], flag] as const);
  await applyRuleDecisions(db, writes);
  await countFlagWrites(db, writes);
}

async function selected(db: FlagpostDb, selection: BulkSelection): Promise<WithSync<StoredFlag>[]> {
  if ('filter' in selection) return matchingFlags(db, selection.filter);
  // Once per flag: an id given twice would otherwise write two revisions (and count twice).
  const found = await db.flags.bulkGet([...new Set(selection.ids)]);
  return withSyncStates(
    db,
    'flag',
    found.filter((flag): flag is StoredFlag => flag !== undefined && !flag.deleted),
  );
}

export async function applyBulkAction(
  db: FlagpostDb,
  selection: BulkSelection,
  action: BulkAction,
  reason: string,
  author: Author,
): Promise<BulkResult> {
  return db.transaction('rw', bulkTables(db), async () => {
    const joined = await selected(db, selection);
    if (joined.length > MAX_BULK_FLAGS) throw new BulkTooLargeError(joined.length, MAX_BULK_FLAGS);
    const now = author.clock();

    if (action === 'sync') {
      // Sync now: queue again what the endpoint refused or the reviewer set aside. Nothing
      // changes in the records themselves, so there is nothing to undo.
      const requeue = joined.filter(
        (f) => f.syncState === 'rejected' || f.syncState === 'discarded',
      );
      await queueRecords(db, 'flag', requeue, now);
      return { affected: requeue.length };
    }

    const before: StoredFlag[] = [];
    const after: StoredFlag[] = [];
    for (const flag of joined.map(withoutSync)) {
      const patch = nextState(flag, action);
      if (!patch) continue;
      before.push(flag);
      after.push(
        nextRevision(flag, { ...patch, note: noteWithReason(flag.note, action, reason) }, now),
      );
    }
    await writeRevisions(db, before, after, now);
    // Only the last action can be undone: older undo rows would only grow the database.
    await db.undo.clear();
    const undo: UndoRow = { id: newUlid(Date.parse(now)), createdAt: now, action, reason, before };
    await db.undo.add(undo);
    return { affected: after.length, undoId: undo.id };
  });
}

export type UndoSummary = UndoSummaryView;

export async function lastUndo(db: FlagpostDb): Promise<UndoSummary | undefined> {
  const row = await db.undo.orderBy('createdAt').last();
  if (!row) return undefined;
  const { before, ...rest } = row;
  return { ...rest, count: before.length };
}

const isStoredFlag = (value: unknown): value is StoredFlag =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StoredFlag).id === 'string' &&
  typeof (value as StoredFlag).revision === 'number';

export type UndoResult = UndoResultView;

/** Restores the flags of the last bulk action as new revisions; undefined if none. */
export async function undoLastBulkAction(
  db: FlagpostDb,
  author: Author,
): Promise<UndoResult | undefined> {
  return db.transaction('rw', bulkTables(db), async () => {
    const row = await db.undo.orderBy('createdAt').last();
    if (!row) return undefined;
    const before = row.before.filter(isStoredFlag);
    const current = await db.flags.bulkGet(before.map((flag) => flag.id));
    const now = author.clock();
    const previous: StoredFlag[] = [];
    const restored: StoredFlag[] = [];
    before.forEach((earlier, i) => {
      const flag = current[i];
      if (flag?.revision !== earlier.revision + 1) return;
      previous.push(flag);
      const { status, severity, note, deleted } = earlier;
      restored.push(nextRevision(flag, { status, severity, note, deleted }, now));
    });
    await writeRevisions(db, previous, restored, now);
    await db.undo.delete(row.id);
    return {
      action: row.action,
      restored: restored.length,
      skipped: before.length - restored.length,
    };
  });
}
