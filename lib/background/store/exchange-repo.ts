/**
 * Export and import against the store. Export reads records page by page in key order (so a
 * page of 100,000 flags never has to fit in one message). Import merges a file that
 * lib/shared/exchange already validated in full, in ONE transaction: either every record of the
 * file is merged or, if anything throws, none is.
 *
 * Whose records are sent: only records whose author is this reviewer enter the outbox (the
 * endpoint accepts a reviewer's own records only, and ids + revisions make a re-send of
 * what it already holds harmless). Anyone else's records are kept on this device only
 * (`discarded`): they are shown and counted, never sent as ours. Without a reviewer id
 * (the placeholder) nothing imported is ours: placeholder records would otherwise be
 * adopted by whoever sets their id next.
 */
import type { ExportData, ExportedCreator, ImportProblem } from '@/lib/shared/exchange/envelope';
import { contentKey, type MergeOutcome, mergeOutcome } from '@/lib/shared/exchange/merge';
import { readExport } from '@/lib/shared/exchange/read-export';
import { creatorKey, type Flag, type Note } from '@/lib/shared/protocol/records';
import type { FlagpostDb, StoredCreator, StoredFlag, StoredNote } from './db';
import { countFlagWrites } from './flag-counters';
import { toStoredFlag } from './flags-repo';
import { noteTargetKey } from './notes-repo';
import { applyRuleDecisions } from './rule-stats-repo';
import { keepLocalOnly, queueRecords } from './sync-states';

export type ExportKind = 'flags' | 'notes' | 'creators';

export type Tally = Record<MergeOutcome, number>;
export interface ImportReport {
  flags: Tally;
  notes: Tally;
  creators: Tally;
  conflicts: { type: 'flag' | 'note' | 'creator'; id: string; revision?: number }[];
  /** Records queued for the endpoint: this reviewer's, new or newer than ours. */
  queued: number;
  /** Records of other reviewers (or of no reviewer id) kept on this device only. */
  localOnly: number;
}

const emptyTally = (): Tally => ({ added: 0, updated: 0, unchanged: 0, older: 0, conflict: 0 });

export function toWireFlag(stored: StoredFlag): Flag {
  const { itemKey: _i, creatorKey: _c, ...wire } = stored;
  return wire;
}
export function toWireNote(stored: StoredNote): Note {
  const { targetKey: _t, creatorKey: _c, ...wire } = stored;
  return wire;
}
const toExportedCreator = ({ key: _k, ...creator }: StoredCreator): ExportedCreator => creator;

/** One page of records in key order, after `after` (exclusive); tombstones included. */
export async function exportPage(db: FlagpostDb, kind: ExportKind, after: string, limit: number) {
  const table = db.table(kind);
  const rows = await table.where(':id').above(after).limit(limit).toArray();
  const keyOf = kind === 'creators' ? (r: StoredCreator) => r.key : (r: { id: string }) => r.id;
  const last = rows.at(-1) as (StoredCreator & { id: string }) | undefined;
  const records =
    kind === 'flags'
      ? (rows as StoredFlag[]).map(toWireFlag)
      : kind === 'notes'
        ? (rows as StoredNote[]).map(toWireNote)
        : (rows as StoredCreator[]).map(toExportedCreator);
  return { records, next: rows.length === limit && last ? keyOf(last) : undefined };
}

interface MergeContext {
  report: ImportReport;
  isOurs: (reviewer: string) => boolean;
}

/** What a merge writes: the records, and which of them are queued or kept local. */
interface Merged<S> {
  puts: S[];
  queued: S[];
  localOnly: S[];
}

interface Converters<W, S> {
  toStored: (wire: W) => S;
  toWire: (stored: S) => W;
}

function mergeRecords<W extends Flag | Note, S extends W>(
  type: 'flag' | 'note',
  incoming: W[],
  locals: (S | undefined)[],
  { toStored, toWire }: Converters<W, S>,
  context: MergeContext,
): Merged<S> {
  const merged: Merged<S> = { puts: [], queued: [], localOnly: [] };
  const tally = context.report[`${type}s`];
  incoming.forEach((wire, i) => {
    const local = locals[i];
    const outcome = mergeOutcome<W>(
      local && toWire(local),
      wire,
      (a, b) => contentKey(a) === contentKey(b),
    );
    tally[outcome]++;
    if (outcome === 'conflict')
      context.report.conflicts.push({ type, id: wire.id, revision: wire.revision });
    if (outcome !== 'added' && outcome !== 'updated') return;
    // Sync rows: pending when ours, else kept local; either keeps the revision the
    // endpoint already held (lib/background/store/sync-transitions.ts).
    const stored = toStored(wire);
    merged.puts.push(stored);
    if (context.isOurs(wire.reviewer)) {
      context.report.queued++;
      merged.queued.push(stored);
    } else {
      context.report.localOnly++;
      merged.localOnly.push(stored);
    }
  });
  return merged;
}

function mergeCreators(
  incoming: ExportedCreator[],
  locals: (StoredCreator | undefined)[],
  report: ImportReport,
  now: string,
) {
  const puts: StoredCreator[] = [];
  incoming.forEach((creator, i) => {
    const local = locals[i];
    const key = creatorKey(creator);
    const stored: StoredCreator = { ...creator, key, lastSeenAt: creator.lastSeenAt ?? now };
    if (!local) {
      report.creators.added++;
      puts.push(stored);
    } else if (contentKey(toExportedCreator(local)) === contentKey(creator))
      report.creators.unchanged++;
    else if (creator.lastSeenAt && creator.lastSeenAt > local.lastSeenAt) {
      // No revisions for creators: the more recent sighting has the current handle and name.
      report.creators.updated++;
      puts.push(stored);
    } else report.creators.older++;
  });
  return puts;
}

export async function importRecords(
  db: FlagpostDb,
  data: ExportData,
  options: { reviewer: string | undefined; now: string },
): Promise<ImportReport> {
  const report: ImportReport = {
    flags: emptyTally(),
    notes: emptyTally(),
    creators: emptyTally(),
    conflicts: [],
    queued: 0,
    localOnly: 0,
  };
  const context: MergeContext = {
    report,
    isOurs: (reviewer) => options.reviewer !== undefined && reviewer === options.reviewer,
  };
  const tables = [
    db.flags,
    db.notes,
    db.creators,
    db.outbox,
    db.syncStates,
    db.flagCounters,
    db.ruleStats,
  ];
  await db.transaction('rw', tables, async () => {
    const [localFlags, localNotes, localCreators] = await Promise.all([
      db.flags.bulkGet(data.flags.map((f) => f.id)),
      db.notes.bulkGet(data.notes.map((n) => n.id)),
      db.creators.bulkGet(data.creators.map(creatorKey)),
    ]);
    const flags = mergeRecords(
      'flag',
      data.flags,
      localFlags,
      { toStored: toStoredFlag, toWire: toWireFlag },
      context,
    );
    const notes = mergeRecords(
      'note',
      data.notes,
      localNotes,
      { toStored: toStoredNote, toWire: toWireNote },
      context,
    );
    const creators = mergeCreators(data.creators, localCreators, report, options.now);
    // The dashboard counters and the rules' decision counts (their measured precision) move
    // with the flags: each put against the copy it replaces.
    const stored = new Map<string, StoredFlag | undefined>(
      localFlags.flatMap((flag) => (flag ? [[flag.id, flag]] : [])),
    );
    const writes = flags.puts.map((flag) => {
      const before = stored.get(flag.id);
      stored.set(flag.id, flag);
      return [before, flag] as const;
    });
    await countFlagWrites(db, writes);
    await applyRuleDecisions(db, writes);
    await Promise.all([
      db.flags.bulkPut(flags.puts),
      db.notes.bulkPut(notes.puts),
      db.creators.bulkPut(creators),
      queueRecords(db, 'flag', flags.queued, options.now),
      queueRecords(db, 'note', notes.queued, options.now),
      keepLocalOnly(db, 'flag', flags.localOnly),
      keepLocalOnly(db, 'note', notes.localOnly),
    ]);
  });
  return report;
}

function noteCreatorKey(target: Note['target']): string {
  if (target.type === 'creator') return creatorKey(target.creator);
  const { platform, creatorId } = target.item;
  return creatorId ? creatorKey({ platform, creatorId }) : '';
}

function toStoredNote(note: Note): StoredNote {
  return {
    ...note,
    targetKey: noteTargetKey(note.target),
    creatorKey: noteCreatorKey(note.target),
  };
}

export type ImportResult =
  | { status: 'imported'; report: ImportReport }
  | { status: 'invalid'; problems: ImportProblem[] };

/** Validates the whole file first; a file with any problem changes nothing. */
export async function importFile(
  db: FlagpostDb,
  text: string,
  options: { reviewer: string | undefined; now: string },
): Promise<ImportResult> {
  const read = readExport(text);
  if (!read.ok) return { status: 'invalid', problems: read.problems };
  return { status: 'imported', report: await importRecords(db, read.data, options) };
}
