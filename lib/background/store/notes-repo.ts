/** Notes on items and on creators: create, edit (new revision), delete (tombstone). */
import { newUlid } from '@/lib/shared/protocol/ids';
import { creatorKey, itemKey, type NoteTarget } from '@/lib/shared/protocol/records';
import type { FlagpostDb, StoredNote, WithSync } from './db';
import type { Author } from './flags-repo';
import { liveRecordsWhere, type RecordWrites, reviseRecord, tombstoneRecord } from './records-repo';
import { queueRecords } from './sync-states';
import { withSync } from './sync-transitions';

export function noteTargetKey(target: NoteTarget): string {
  return target.type === 'item' ? itemKey(target.item) : creatorKey(target.creator);
}

function noteCreatorKey(target: NoteTarget): string {
  if (target.type === 'creator') return creatorKey(target.creator);
  const { platform, creatorId } = target.item;
  return creatorId ? creatorKey({ platform, creatorId }) : '';
}

const noteWriteTables = (db: FlagpostDb) => [db.notes, db.outbox, db.syncStates];

/** Writes a note's new revision, queued; returns it as a view. */
async function writeNote(
  db: FlagpostDb,
  before: StoredNote | undefined,
  note: StoredNote,
): Promise<WithSync<StoredNote>> {
  await (before ? db.notes.put(note) : db.notes.add(note));
  const [row] = await queueRecords(db, 'note', [note], note.updatedAt);
  return withSync(note, row);
}

export async function createNote(db: FlagpostDb, target: NoteTarget, text: string, author: Author) {
  const now = author.clock();
  const note: StoredNote = {
    id: newUlid(Date.parse(now)),
    revision: 1,
    reviewer: author.reviewer,
    createdAt: now,
    updatedAt: now,
    deleted: false,
    target,
    text,
    targetKey: noteTargetKey(target),
    creatorKey: noteCreatorKey(target),
  };
  return db.transaction('rw', noteWriteTables(db), async () => writeNote(db, undefined, note));
}

const noteWrites = (db: FlagpostDb): RecordWrites<StoredNote> => ({
  kind: 'note',
  table: db.notes,
  tables: noteWriteTables(db),
  write: (before, note) => writeNote(db, before, note),
});

export const editNote = (db: FlagpostDb, id: string, text: string, author: Author) =>
  reviseRecord(db, noteWrites(db), id, { text }, author.clock);

export const deleteNote = (db: FlagpostDb, id: string, author: Author) =>
  tombstoneRecord(db, noteWrites(db), id, author.clock);

/** Live notes about one item or creator, oldest first. */
export const notesFor = (db: FlagpostDb, targetKey: string): Promise<WithSync<StoredNote>[]> =>
  liveRecordsWhere(db, noteWrites(db), 'targetKey', targetKey);

export async function countLiveNotes(db: FlagpostDb): Promise<number> {
  return db.notes.filter((note) => !note.deleted).count();
}
