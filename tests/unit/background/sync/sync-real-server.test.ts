/**
 * The sync engine against the real reference endpoint over HTTP (in-memory PGlite), with
 * the extension's store on fake-indexeddb.
 */
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag, deleteFlag, editFlag } from '@/lib/background/store/flags-repo';
import { createNote } from '@/lib/background/store/notes-repo';
import { readSyncStatus } from '@/lib/background/store/sync-status-repo';
import { runSync } from '@/lib/background/sync/sync-engine';
import { testConnection } from '@/lib/background/sync/test-connection';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { ITEM } from '../store/samples';

let server: RunningServer;
let token: string;
let db: FlagpostDb;
const clock = () => new Date().toISOString();
const alice = { reviewer: 'alice', clock };

beforeAll(async () => {
  server = await startServer();
  token = (await issueToken(server.db, 'alice')).token;
});
afterAll(() => server.close());
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-sync-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const newFlag = (itemId: string) =>
  createFlag(
    db,
    {
      item: { ...ITEM, itemId },
      policyId: 'counterfeit-goods',
      policyVersion: 'manual-1',
      severity: 'high',
      source: 'manual',
      status: 'confirmed',
    },
    alice,
  );

async function serverRevisions(): Promise<Map<string, { revision: number; deleted: boolean }>> {
  const { rows } = await server.db.query<{ id: string; revision: number; deleted: boolean }>(
    'select id, revision, deleted from records',
  );
  return new Map(rows.map((r) => [r.id, { revision: Number(r.revision), deleted: r.deleted }]));
}

describe('sync against the reference endpoint', () => {
  it('delivers flags, edits, tombstones and notes exactly once and empties the outbox', async () => {
    const flags = await Promise.all(
      Array.from({ length: 1200 }, (_, i) => newFlag(String(1000 + i))),
    );
    const note = await createNote(db, { type: 'item', item: ITEM }, 'asks buyers to DM', alice);
    const progress: number[] = [];
    const first = await runSync({
      db,
      config: { endpointUrl: server.url, token },
      clock,
      onProgress: (p) => progress.push(p.sent),
    });
    expect(first).toMatchObject({ outcome: 'done', delivered: 1201, rejected: 0 });
    expect(progress).toEqual([0, 500, 1000, 1201]); // three batches within the 500-record limit
    expect(await db.outbox.count()).toBe(0);
    expect(await db.syncStates.where('syncState').equals('synced').count()).toBe(1201);
    expect((await db.syncStates.get(`note:${note.id}`))?.syncState).toBe('synced');

    const [a, b] = flags;
    if (!a || !b) throw new Error('no flags');
    await editFlag(db, a.id, { status: 'dismissed' }, alice);
    await deleteFlag(db, b.id, alice);
    expect(await db.outbox.count()).toBe(2);
    expect(await runSync({ db, config: { endpointUrl: server.url, token }, clock })).toMatchObject({
      outcome: 'done',
      delivered: 2,
    });

    const held = await serverRevisions();
    expect(held.size).toBe(1201);
    expect(held.get(a.id)).toEqual({ revision: 2, deleted: false });
    expect(held.get(b.id)).toEqual({ revision: 2, deleted: true });
    expect((await readSyncStatus(db)).lastSuccessAt).toBeDefined();
    // 1,200 flags through the real endpoint: seconds on a quiet machine, more under load.
  }, 120_000);

  it('resends after a lost answer without duplicating anything', async () => {
    const flag = await newFlag('2001');
    // The endpoint stores the batch but the answer never arrives (the worker died).
    let calls = 0;
    const dropAnswer: typeof fetch = async (input, init) => {
      calls++;
      await fetch(input, init);
      throw new TypeError('connection reset');
    };
    const lost = await runSync({
      db,
      config: { endpointUrl: server.url, token },
      clock,
      fetch: dropAnswer,
      random: () => 0,
    });
    expect(lost).toMatchObject({
      outcome: 'retry',
      reason: expect.stringContaining('connection reset'),
    });
    expect(calls).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect((await readSyncStatus(db)).lastError).toContain('connection reset');

    const again = await runSync({ db, config: { endpointUrl: server.url, token }, clock });
    expect(again.outcome).toBe('done');
    expect((await db.syncStates.get(`flag:${flag.id}`))?.syncState).toBe('synced');
    expect((await serverRevisions()).get(flag.id)).toEqual({ revision: 1, deleted: false });
    expect((await readSyncStatus(db)).lastError).toBeUndefined();
  });

  it('keeps a rejected record visible with the reason, and stops on a refused token', async () => {
    const bob = { reviewer: 'bob', clock };
    const mismatched = await createFlag(
      db,
      {
        item: ITEM,
        policyId: 'x',
        policyVersion: 'manual-1',
        severity: 'low',
        source: 'manual',
        status: 'confirmed',
      },
      bob,
    );
    const result = await runSync({ db, config: { endpointUrl: server.url, token }, clock });
    expect(result).toMatchObject({ outcome: 'done', rejected: 1 });
    const stored = await db.syncStates.get(`flag:${mismatched.id}`);
    expect(stored?.syncState).toBe('rejected');
    expect(stored?.syncError).toMatch(/reviewer/i);
    expect(await db.outbox.count()).toBe(0);

    await newFlag('3001');
    const refused = await runSync({
      db,
      config: { endpointUrl: server.url, token: 'fp_wrong' },
      clock,
    });
    expect(refused).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('401') });
    expect(await db.outbox.count()).toBe(1);
  });

  it('tests a connection: good token, bad token, not an endpoint', async () => {
    expect(await testConnection(server.url, token)).toMatchObject({ ok: true });
    expect(await testConnection(server.url, 'fp_nope')).toMatchObject({
      ok: false,
      message: expect.stringContaining('refused the token'),
    });
    expect(await testConnection('http://127.0.0.1:9', token)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Cannot reach'),
    });
  });
});
