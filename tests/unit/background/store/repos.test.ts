import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptPlaceholderRecords } from '@/lib/background/store/adopt-records';
import { FlagpostDb } from '@/lib/background/store/db';
import {
  countLiveFlags,
  createFlag,
  deleteFlag,
  editFlag,
  flagsForItem,
} from '@/lib/background/store/flags-repo';
import { rememberItem } from '@/lib/background/store/items-repo';
import {
  countLiveNotes,
  createNote,
  deleteNote,
  editNote,
  notesFor,
} from '@/lib/background/store/notes-repo';
import { RecordNotFoundError } from '@/lib/background/store/records-repo';
import { flagSchema, noteSchema } from '@/lib/shared/protocol/records';
import { ITEM } from './samples';

let db: FlagpostDb;
let tick = 0;
const author = {
  reviewer: 'alice',
  clock: () => new Date(Date.UTC(2026, 10, 1, 8, 0, tick++)).toISOString(),
};

beforeEach(async () => {
  db = new FlagpostDb(`flagpost-repos-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const newFlag = () =>
  createFlag(
    db,
    {
      item: ITEM,
      policyId: 'counterfeit-goods',
      policyVersion: 'manual-1',
      severity: 'high',
      source: 'manual',
      status: 'confirmed',
      note: 'replica',
    },
    author,
  );

describe('flags', () => {
  it('creates a valid wire-format flag at revision 1, indexed by item and creator', async () => {
    const flag = await newFlag();
    expect(flagSchema.parse(flag)).toMatchObject({
      revision: 1,
      reviewer: 'alice',
      deleted: false,
    });
    expect(flag.itemKey).toBe('shopvid:7301234567890123456');
    expect(flag.creatorKey).toBe('shopvid:lena.glow');
    expect(await flagsForItem(db, flag.itemKey)).toEqual([flag]);
  });

  it('makes a new revision on every edit and keeps the rest', async () => {
    const flag = await newFlag();
    const edited = await editFlag(db, flag.id, { status: 'dismissed' }, author);
    expect(edited).toMatchObject({
      revision: 2,
      status: 'dismissed',
      note: 'replica',
      createdAt: flag.createdAt,
    });
    expect(edited.updatedAt > flag.updatedAt).toBe(true);
    const again = await editFlag(db, flag.id, { note: 'not a replica' }, author);
    expect(again.revision).toBe(3);
  });

  it('deletes as a tombstone with a new revision, hidden from reads and counts', async () => {
    const flag = await newFlag();
    const tombstone = await deleteFlag(db, flag.id, author);
    expect(tombstone).toMatchObject({ deleted: true, revision: 2 });
    expect(await db.flags.get(flag.id)).toMatchObject({ deleted: true });
    expect(await flagsForItem(db, flag.itemKey)).toEqual([]);
    expect(await countLiveFlags(db)).toBe(0);
    expect(await deleteFlag(db, flag.id, author)).toMatchObject({ revision: 2 });
    await expect(editFlag(db, flag.id, { note: 'x' }, author)).rejects.toThrow(RecordNotFoundError);
  });

  it('refuses to edit a flag that does not exist', async () => {
    await expect(editFlag(db, '01J0000000000000000000000X', { note: 'x' }, author)).rejects.toThrow(
      'No flag with id',
    );
  });
});

describe('notes', () => {
  it('keeps notes on items and on creators apart, with revisions and tombstones', async () => {
    const onItem = await createNote(db, { type: 'item', item: ITEM }, 'asks to DM', author);
    const onCreator = await createNote(
      db,
      {
        type: 'creator',
        creator: { platform: 'shopvid', creatorId: 'lena.glow', handle: 'lena.glow' },
      },
      'repeat offender',
      author,
    );
    expect(noteSchema.parse(onItem).revision).toBe(1);
    expect(await notesFor(db, 'shopvid:7301234567890123456')).toEqual([onItem]);
    expect(await notesFor(db, 'shopvid:lena.glow')).toEqual([onCreator]);
    expect(onItem.creatorKey).toBe('shopvid:lena.glow');

    const edited = await editNote(db, onItem.id, 'asks to DM on LINE', author);
    expect(edited).toMatchObject({ revision: 2, text: 'asks to DM on LINE' });
    await deleteNote(db, onCreator.id, author);
    expect(await countLiveNotes(db)).toBe(1);
  });
});

describe('items', () => {
  it('remembers the item and its creator, overwriting the previous sighting', async () => {
    const creator = { platform: 'shopvid', creatorId: 'lena.glow', handle: 'lena.glow' };
    await rememberItem(db, ITEM, creator, author.clock);
    await rememberItem(db, { ...ITEM, title: 'new title' }, creator, author.clock);
    expect(await db.items.count()).toBe(1);
    expect((await db.items.get('shopvid:7301234567890123456'))?.title).toBe('new title');
    expect(await db.creators.get('shopvid:lena.glow')).toMatchObject({ handle: 'lena.glow' });
  });
});

describe('adopting placeholder records', () => {
  it('re-attributes never-accepted records of the placeholder id only, and queues them', async () => {
    const placeholder = { reviewer: 'local-reviewer', clock: author.clock };
    const mine = await createFlag(
      db,
      {
        item: ITEM,
        policyId: 'p',
        policyVersion: 'v',
        severity: 'low',
        source: 'manual',
        status: 'confirmed',
      },
      placeholder,
    );
    const note = await createNote(db, { type: 'item', item: ITEM }, 'n', placeholder);
    const someoneElse = await newFlag(); // alice's
    await db.syncStates.update(`flag:${mine.id}`, {
      syncState: 'rejected',
      syncError: 'reviewer_mismatch',
    });
    await db.outbox.clear();

    expect(await adoptPlaceholderRecords(db, 'local-reviewer', 'bob', author.clock())).toBe(2);
    expect(await db.flags.get(mine.id)).toMatchObject({ reviewer: 'bob', revision: 1 });
    const row = await db.syncStates.get(`flag:${mine.id}`);
    expect(row).toMatchObject({ syncState: 'pending', revision: 1 });
    expect(row?.syncError).toBeUndefined();
    expect((await db.notes.get(note.id))?.reviewer).toBe('bob');
    expect((await db.flags.get(someoneElse.id))?.reviewer).toBe('alice');
    expect(await db.outbox.count()).toBe(2);
  });
});
