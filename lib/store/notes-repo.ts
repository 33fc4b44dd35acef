/** Notes on items and on creators: create, edit (new revision), delete (tombstone). */
import { newUlid } from '@/lib/protocol/ids';
import { creatorKey, itemKey, type NoteTarget } from '@/lib/protocol/records';
import type { FlagpostDb, StoredNote } from './db';
import type { Author } from './flags-repo';
import { enqueue } from './outbox-repo';
import { pendingRevision, RecordNotFoundError } from './records-repo';

export function noteTargetKey(target: NoteTarget): string {
  return target.type === 'item' ? itemKey(target.item) : creatorKey(target.creator);
}

function noteCreatorKey(target: NoteTarget): string {
  if (target.type === 'creator') return creatorKey(target.creator);
  const { platform, creatorId } = target.item;
  return creatorId ? creatorKey({ platform, creatorId }) : '';
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
    syncState: 'pending',
  };
  await db.transaction('rw', db.notes, db.outbox, async () => {
    await db.notes.add(note);
    await enqueue(db, 'note', note.id, now);
  });
  return note;
}

export async function editNote(db: FlagpostDb, id: string, text: string, author: Author) {
  return db.transaction('rw', db.notes, db.outbox, async () => {
    const current = await db.notes.get(id);
    if (!current || current.deleted) throw new RecordNotFoundError('note', id);
    const next = pendingRevision(current, { text }, author.clock());
    await db.notes.put(next);
    await enqueue(db, 'note', id, next.updatedAt);
    return next;
  });
}

export async function deleteNote(db: FlagpostDb, id: string, author: Author) {
  return db.transaction('rw', db.notes, db.outbox, async () => {
    const current = await db.notes.get(id);
    if (!current) throw new RecordNotFoundError('note', id);
    if (current.deleted) return current;
    const tombstone = pendingRevision(current, { deleted: true }, author.clock());
    await db.notes.put(tombstone);
    await enqueue(db, 'note', id, tombstone.updatedAt);
    return tombstone;
  });
}

/** Live notes about one item or creator, oldest first. */
export async function notesFor(db: FlagpostDb, targetKey: string): Promise<StoredNote[]> {
  const notes = await db.notes.where('targetKey').equals(targetKey).sortBy('id');
  return notes.filter((note) => !note.deleted);
}

export async function countLiveNotes(db: FlagpostDb): Promise<number> {
  return db.notes.filter((note) => !note.deleted).count();
}
