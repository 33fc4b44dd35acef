/**
 * Remote creator history against the real reference endpoint over HTTP (in-memory PGlite),
 * with the extension's store on fake-indexeddb: fetched, validated, cached, merged with
 * local records without double counting, and still used when the endpoint is gone.
 */
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creatorRisks } from '@/lib/background/risk-views/creator-risk';
import { creatorHistoryView } from '@/lib/background/risk-views/creator-view';
import { cachedHistory } from '@/lib/background/store/creator-history-repo';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag, deleteFlag } from '@/lib/background/store/flags-repo';
import { createNote } from '@/lib/background/store/notes-repo';
import { createHistoryRefresher } from '@/lib/background/sync/creator-history-refresher';
import { runSync } from '@/lib/background/sync/sync-engine';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag } from '@/lib/shared/protocol/records';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { ITEM } from '../../background/store/samples';

let server: RunningServer;
let alice: string;
let bob: string;
let admin: string;
let db: FlagpostDb;
const clock = () => new Date().toISOString();
const CREATOR = { platform: 'shopvid', creatorId: 'lena.glow' };

const post = (path: string, token: string, body: unknown) =>
  fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

function bobsFlag(itemId: string, severity: Flag['severity']): Flag {
  const now = clock();
  return {
    id: newUlid(),
    revision: 1,
    reviewer: 'bob',
    createdAt: now,
    updatedAt: now,
    deleted: false,
    item: { ...ITEM, itemId },
    policyId: 'counterfeit-goods',
    policyVersion: 'manual-1',
    severity,
    source: 'manual',
    status: 'confirmed',
    evidence: [],
    note: 'seen by bob',
  };
}

beforeAll(async () => {
  server = await startServer();
  alice = (await issueToken(server.db, 'alice')).token;
  bob = (await issueToken(server.db, 'bob')).token;
  admin = (await issueToken(server.db, 'lead', { admin: true })).token;
  const seeded = await post('/v1/batches', bob, {
    records: [
      { type: 'flag', record: bobsFlag('b1', 'critical') },
      { type: 'flag', record: bobsFlag('b2', 'medium') },
    ],
  });
  expect(seeded.status).toBe(200);
  const action = await post('/v1/enforcement-actions', admin, {
    id: newUlid(),
    creator: CREATOR,
    action: 'warning',
    reason: 'repeated counterfeit listings',
    at: clock(),
  });
  expect(action.status).toBe(201);
});
afterAll(() => server.close());
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-history-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const refresherFor = (url: string) =>
  createHistoryRefresher({
    db: async () => db,
    config: async () => ({ endpointUrl: url, token: alice }),
    clock,
  });

describe('creator history from the endpoint', () => {
  it('merges remote and local without counting a synced flag twice; a local tombstone removes', async () => {
    const author = { reviewer: 'alice', clock };
    const input = {
      item: ITEM,
      policyId: 'off-platform',
      policyVersion: '1',
      severity: 'high' as const,
      source: 'manual' as const,
      status: 'confirmed' as const,
    };
    const kept = await createFlag(db, input, author);
    const removed = await createFlag(db, input, author);
    await createNote(
      db,
      { type: 'creator', creator: { ...CREATOR, handle: 'lena.glow' } },
      'n',
      author,
    );
    await runSync({ db, config: { endpointUrl: server.url, token: alice }, clock });
    await deleteFlag(db, removed.id, author); // not yet delivered: the endpoint still has it live

    const refresher = refresherFor(server.url);
    expect(await refresher.refreshNow(CREATOR)).toMatchObject({ kind: 'fetched' });
    const view = await creatorHistoryView(db, CREATOR, Date.now(), { state: 'fresh' });
    const flags = view.timeline.filter((e) => e.kind === 'flag');
    expect(flags.map((f) => [f.reviewer, f.source]).sort()).toEqual([
      ['alice', 'local'],
      ['bob', 'remote'],
      ['bob', 'remote'],
    ]);
    expect(flags.some((f) => f.id === kept.id)).toBe(true);
    expect(flags.some((f) => f.id === removed.id)).toBe(false);
    expect(view.timeline.filter((e) => e.kind === 'note')).toHaveLength(1);
    expect(view.timeline.find((e) => e.kind === 'enforcement')).toMatchObject({
      action: 'warning',
    });
    expect(view.explanation.map((c) => c.severity)).toEqual(['critical', 'high', 'medium']);
    expect(view.remote.fetchedAt).toBeDefined();
  });

  it('scores from the cache when the endpoint is gone, and says how old it is', async () => {
    const refresher = refresherFor(server.url);
    await refresher.refreshStale([CREATOR]);
    await refresher.idle();
    const cached = await cachedHistory(db, 'shopvid:lena.glow');
    expect(cached?.history.flags.filter((f) => f.reviewer === 'bob')).toHaveLength(2);

    const gone = refresherFor('http://127.0.0.1:9'); // nothing listens there
    expect(await gone.refreshNow(CREATOR)).toMatchObject({ kind: 'failed' });
    const [risk] = await creatorRisks(db, [CREATOR, CREATOR], Date.now());
    expect(risk).toMatchObject({ band: 'critical', historyFetchedAt: cached?.fetchedAt });
    expect((await cachedHistory(db, 'shopvid:lena.glow'))?.fetchedAt).toBe(cached?.fetchedAt);
  });

  it('refuses an answer that is not a creator history, keeping the cache', async () => {
    const refresher = createHistoryRefresher({
      db: async () => db,
      config: async () => ({ endpointUrl: server.url, token: alice }),
      clock,
      fetch: async () => new Response('<html>proxy error</html>', { status: 200 }),
    });
    expect(await refresher.refreshNow(CREATOR)).toMatchObject({ kind: 'failed' });
    expect(await db.creatorHistory.count()).toBe(0);
  });
});
