/**
 * The migration pattern every schema change follows: open the database as each older
 * release would (version n), write representative rows, reopen it at the newest version,
 * and check every row is still there and readable through the current indexes.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FlagpostDb, schemaProblems } from '@/lib/background/store/db';
import { counterDelta, counterRows } from '@/lib/background/store/flag-counters';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '@/lib/background/store/schema';
import { sampleFlag, sampleItem, sampleNote } from './samples';

let counter = 0;
const freshName = () => `flagpost-migration-${++counter}`;

/**
 * A fresh database written by `write` as the release of `version` would, then opened at
 * `to` (the newest when omitted).
 */
async function upgradeFrom(
  version: number,
  write: (old: FlagpostDb) => Promise<unknown>,
  to?: number,
): Promise<FlagpostDb> {
  const name = freshName();
  const old = new FlagpostDb(name, version);
  await old.open();
  await write(old);
  old.close();
  const current = new FlagpostDb(name, to);
  await current.open();
  return current;
}

async function discard(db: FlagpostDb): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}

/** `name` changed by a newer release: opened at a far version, `upgrade` run on it. */
function changeByNewerRelease(name: string, upgrade: (db: IDBDatabase) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, 9_990);
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** What this release finds wrong with `name`'s schema on opening it (the open's own error if it fails). */
async function problemsOpening(name: string): Promise<string[]> {
  const db = new FlagpostDb(name);
  const problems = await db.open().then(
    () => schemaProblems(db),
    (error: unknown) => [String(error)],
  );
  await discard(db);
  return problems;
}

describe('schema versions', () => {
  it('are numbered in increasing order and the newest is LATEST_VERSION', () => {
    const numbers = SCHEMA_VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.at(-1)).toBe(LATEST_VERSION);
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'a database written at version %i opens at the newest with its rows intact',
    async (version) => {
      const flag = sampleFlag();
      const note = sampleNote();
      // From v2 to v4 the records carried their sync state.
      const state = version >= 2 && version < 5 ? { syncState: 'pending' } : {};
      const current = await upgradeFrom(version, async (old) => {
        await old.table('flags').add({ ...flag, ...state });
        await old.table('notes').add({ ...note, ...state });
        await old.items.add(sampleItem());
      });
      expect(current.verno).toBe(LATEST_VERSION);
      expect(await current.flags.get(flag.id)).toEqual(flag);
      if (version < 5)
        expect(await current.syncStates.get(`flag:${flag.id}`)).toMatchObject({
          syncState: 'pending',
          revision: flag.revision,
        });
      expect(await current.flags.where('itemKey').equals(flag.itemKey).count()).toBe(1);
      expect(await current.notes.where('targetKey').equals(note.targetKey).count()).toBe(1);
      expect(await current.items.count()).toBe(1);
      await discard(current);
    },
  );
});

describe('version 2 (sync)', () => {
  it('queues every record written before sync existed, as pending', async () => {
    const flag = sampleFlag();
    const note = sampleNote();
    const v2 = await upgradeFrom(
      1,
      async (v1) => {
        await v1.table('flags').add(flag);
        await v1.table('notes').add(note);
      },
      2,
    );
    expect(await v2.flags.where('syncState').equals('pending').count()).toBe(1);
    expect(await v2.notes.where('syncState').equals('pending').count()).toBe(1);
    expect((await v2.outbox.toArray()).map((e) => e.key).sort()).toEqual(
      [`flag:${flag.id}`, `note:${note.id}`].sort(),
    );
    await discard(v2);
  });
});

describe('version 4 (dashboard counters)', () => {
  it('counts the live flags already stored, in the upgrade', async () => {
    const at = (i: number) => new Date(Date.UTC(2026, 10, 1, i * 7)).toISOString();
    const flags = Array.from({ length: 12 }, (_, i) => ({
      ...sampleFlag(),
      id: `flag-${String(i).padStart(2, '0')}`,
      createdAt: at(i),
      policyId: i % 3 ? 'counterfeit-goods' : 'off-platform',
      status: (['suggested', 'confirmed', 'dismissed'] as const)[i % 3] ?? 'suggested',
      item: { ...sampleFlag().item, ...(i % 2 ? { market: 'TH' as const } : {}) },
      deleted: i === 11,
    }));
    const current = await upgradeFrom(3, (v3) => v3.flags.bulkAdd(flags));
    const counted = Object.fromEntries(
      (await current.flagCounters.toArray()).map((r) => [JSON.stringify(r.key), r.count]),
    );
    const get = (...key: string[]) => counted[JSON.stringify(key)];
    // 11 live flags: the deleted one counts nowhere.
    expect(get('policy', 'off-platform')).toBe(4);
    expect(get('policy', 'counterfeit-goods')).toBe(7);
    expect(get('market', 'TH')).toBe(5);
    expect(get('market', '')).toBe(6);
    expect(get('creator', 'shopvid:lena.glow')).toBe(11);
    expect(get('all-day', '2026-11-01', '')).toBe(4); // created at 0, 7, 14 and 21 h
    expect(get('status-hour', '2026-11-01T07', 'confirmed')).toBe(1);
    const recount = counterDelta(undefined, undefined);
    for (const flag of flags) counterDelta(undefined, flag, recount);
    expect(counted).toEqual(
      Object.fromEntries(counterRows(recount).map((r) => [JSON.stringify(r.key), r.count])),
    );
    await discard(current);
  });
});

describe('version 5 (sync states in their own table)', () => {
  it("moves each record's sync state into its row, every state intact", async () => {
    const states = [
      { syncState: 'pending' },
      { syncState: 'pending', syncedRevision: 1 },
      { syncState: 'synced', syncedRevision: 2 },
      { syncState: 'stale', syncedRevision: 3 },
      { syncState: 'stale' },
      { syncState: 'rejected', syncError: 'reviewer_mismatch' },
      { syncState: 'discarded', syncedRevision: 1 },
    ] as const;
    const flags = states.map((state, i) => ({
      ...sampleFlag(),
      id: `flag-${i}`,
      revision: 2,
      createdAt: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
      ...state,
    }));
    const notes = states.map((state, i) => ({ ...sampleNote(), id: `note-${i}`, ...state }));
    const current = await upgradeFrom(4, async (v4) => {
      await v4.table('flags').bulkAdd(flags);
      await v4.table('notes').bulkAdd(notes);
    });
    expect(schemaProblems(current)).toEqual([]);
    expect(current.flags.schema.idxByName.syncState).toBeUndefined();
    type Old = { id: string; createdAt: string; revision: number; syncState: string } & {
      syncError?: string;
      syncedRevision?: number;
    };
    const written: [string, Old[]][] = [
      ['flag', flags],
      ['note', notes],
    ];
    for (const [type, records] of written)
      for (const { syncState, syncError, syncedRevision, ...record } of records) {
        const stored = await current.table(`${type}s`).get(record.id);
        expect(stored).toEqual(record); // the sync fields left the record
        expect(await current.syncStates.get(`${type}:${record.id}`)).toEqual({
          key: `${type}:${record.id}`,
          type,
          id: record.id,
          createdAt: record.createdAt,
          revision: record.revision,
          syncState,
          ...(syncError !== undefined ? { syncError } : {}),
          ...(syncedRevision !== undefined ? { syncedRevision } : {}),
        });
      }
    expect(await current.syncStates.where('syncState').equals('stale').count()).toBe(4);
    const rejected = await current.syncStates
      .where('[type+syncState+createdAt]')
      .between(['flag', 'rejected', Dexie.minKey], ['flag', 'rejected', Dexie.maxKey])
      .primaryKeys();
    expect(rejected).toEqual(['flag:flag-5']);
    await discard(current);
  });
});

describe('a database changed by a newer release', () => {
  it('is reported, table by table, instead of failing query by query', async () => {
    const name = freshName();
    await changeByNewerRelease(name, (db) => db.createObjectStore('flags', { keyPath: 'uuid' }));
    const problems = await problemsOpening(name);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('; ')).toMatch(/flags/);
  });

  it('reports a counter table keyed otherwise', async () => {
    const name = freshName();
    const made = new FlagpostDb(name);
    await made.open();
    made.close();
    await changeByNewerRelease(name, (db) => {
      db.deleteObjectStore('flagCounters');
      db.createObjectStore('flagCounters', { keyPath: 'id' });
    });
    expect((await problemsOpening(name)).join('; ')).toMatch(/flagCounters/);
  });

  it('reports nothing for a database this release made', async () => {
    const db = new FlagpostDb(freshName());
    await db.open();
    expect(schemaProblems(db)).toEqual([]);
    await discard(db);
  });
});
