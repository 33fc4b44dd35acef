/**
 * Enforcement actions come back to the extension: merged into the cached history of a
 * creator seen here (once by id), read from the endpoint's feed after a stream drop.
 */
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyEnforcementAction,
  catchUpEnforcement,
  enforcementCursor,
} from '@/lib/background/escalation/decisions';
import { cachedHistory, saveCreatorHistory } from '@/lib/background/store/creator-history-repo';
import { FlagpostDb } from '@/lib/background/store/db';
import { newUlid } from '@/lib/shared/protocol/ids';
import { issueToken, type RunningServer, startServer } from '@/server/app';

let server: RunningServer;
let admin: string;
let reviewer: string;
let db: FlagpostDb;

const seen = { platform: 'shopvid', creatorId: `seen-${newUlid()}` };
const unseen = { platform: 'shopvid', creatorId: `unseen-${newUlid()}` };

beforeAll(async () => {
  server = await startServer();
  admin = (await issueToken(server.db, 'lead-lin', { admin: true })).token;
  reviewer = (await issueToken(server.db, 'alice')).token;
});
afterAll(() => server?.close());
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-decisions-${Math.random()}`);
  await db.open();
  await saveCreatorHistory(
    db,
    `${seen.platform}:${seen.creatorId}`,
    {
      creator: seen,
      flags: [],
      notes: [],
      enforcementActions: [],
      generatedAt: '2026-12-01T00:00:00.000Z',
    },
    '2026-12-01T00:00:00.000Z',
  );
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

async function record(creator: typeof seen, action = 'suspended') {
  const body = {
    id: newUlid(),
    creator,
    action,
    reason: 'Weapons listings.',
    at: new Date().toISOString(),
  };
  const response = await fetch(`${server.url}/v1/enforcement-actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return body;
}

describe('enforcement actions coming back', () => {
  it('adds an action to a seen creator once, and leaves unseen creators alone', async () => {
    const action = {
      id: newUlid(),
      creator: seen,
      action: 'banned' as const,
      reason: 'Sells firearms.',
      at: '2026-12-01T10:00:00.000Z',
      recordedAt: '2026-12-01T10:00:01.000Z',
    };
    expect(await applyEnforcementAction(db, action)).toBe(true);
    expect(await applyEnforcementAction(db, action)).toBe(false);
    expect(await applyEnforcementAction(db, { ...action, id: newUlid(), creator: unseen })).toBe(
      false,
    );
    const cached = await cachedHistory(db, `${seen.platform}:${seen.creatorId}`);
    expect(cached?.history.enforcementActions.map((a) => a.id)).toEqual([action.id]);
    // The fetch time is unchanged: the rest of the history is as old as it was.
    expect(cached?.fetchedAt).toBe('2026-12-01T00:00:00.000Z');
    expect(await cachedHistory(db, `${unseen.platform}:${unseen.creatorId}`)).toBeUndefined();
    expect(await enforcementCursor(db)).toBe(action.recordedAt);
  });

  it('catches up from the feed after a drop, from its cursor, without repeating', async () => {
    const config = { endpointUrl: server.url, token: reviewer };
    // First read: nothing new for this creator yet, but the cursor is set.
    await catchUpEnforcement(db, config, { timeoutMs: 5_000 });
    expect(await enforcementCursor(db)).toBeDefined();
    const one = await record(seen);
    await record(unseen);
    const two = await record(seen, 'reinstated');
    const changed = await catchUpEnforcement(db, config, { timeoutMs: 5_000 });
    expect(changed).toEqual([`${seen.platform}:${seen.creatorId}`]);
    const again = await catchUpEnforcement(db, config, { timeoutMs: 5_000 });
    expect(again).toEqual([]);
    const cached = await cachedHistory(db, `${seen.platform}:${seen.creatorId}`);
    expect(cached?.history.enforcementActions.map((a) => a.id).sort()).toEqual(
      [one.id, two.id].sort(),
    );
  });
});
