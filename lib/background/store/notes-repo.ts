/** Notes on items and on creators: create, edit (new revision), delete (tombstone). */
import { newUlid } from '@/lib/shared/protocol/ids';
import { creatorKey, itemKey, type NoteTarget } from '@/lib/shared/protocol/records';
import type { FlagpostDb, StoredNote, WithSync } from './db';
import type { Author } from './flags-repo';
import { nextRevision, RecordNotFoundError } from './records-repo';
import { queueRecords, withSyncState, withSyncStates } from './sync-states';
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

export async function editNote(db: FlagpostDb, id: string, text: string, author: Author) {
  return db.transaction('rw', noteWriteTables(db), async () => {
    const current = await db.notes.get(id);
    if (!current || current.deleted) throw new RecordNotFoundError('note', id);
    return writeNote(db, current, nextRevision(current, { text }, author.clock()));
  });
}

export async function deleteNote(db: FlagpostDb, id: string, author: Author) {
  return db.transaction('rw', noteWriteTables(db), async () => {
    const current = await db.notes.get(id);
    if (!current) throw new RecordNotFoundError('note', id);
    if (current.deleted) return withSyncState(db, 'note', current);
    return writeNote(db, current, nextRevision(current, { deleted: true }, author.clock()));
  });
}

/** Live notes about one item or creator, oldest first. */
export async function notesFor(db: FlagpostDb, targetKey: string): Promise<WithSync<StoredNote>[]> {
  const notes = await db.notes.where('targetKey').equals(targetKey).sortBy('id');
  return withSyncStates(
    db,
    'note',
    notes.filter((note) => !note.deleted),
  );
}

export async function countLiveNotes(db: FlagpostDb): Promise<number> {
  return db.notes.filter((note) => !note.deleted).count();
}
