/**
 * Decisions coming back: enforcement actions pushed on the escalation event stream as they
 * commit (from a lead's resolution and from the governance system), and read again with
 * GET /v1/enforcement-actions?since= after a stream drops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enforcementFeedSchema,
  recordedEnforcementActionSchema,
} from '@/lib/shared/protocol/enforcement-feed';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { ErrorBody } from '@/lib/shared/protocol/service';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { openEventStream } from './event-stream';
import { api, type Backend, forEachBackend } from './helpers';

/** The `enforcement` events of a live stream (other events are skipped). */
const openEnforcementEvents = (url: string, token: string) =>
  openEventStream(url, token, 'enforcement', recordedEnforcementActionSchema);

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    server = await startServer({ database: opened.db });
    alice = (await issueToken(opened.db, 'alice')).token;
    admin = (await issueToken(opened.db, 'lead-lin', { admin: true })).token;
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  const action = (creatorId: string) => ({
    id: newUlid(),
    creator: { platform: 'shopvid', creatorId },
    action: 'suspended' as const,
    reason: 'Repeated weapons listings.',
    at: '2026-01-02T03:04:05.000Z',
  });

  it('pushes enforcement actions to every reviewer, from the governance system and from a resolution', async () => {
    const stream = await openEnforcementEvents(server.url, alice);
    const direct = action('creator-feed-1');
    const recorded = await api(server.url, 'POST', '/v1/enforcement-actions', {
      token: admin,
      json: direct,
    });
    expect(recorded.status).toBe(201);
    // Recording the same id again is not news: nothing is pushed twice.
    await api(server.url, 'POST', '/v1/enforcement-actions', { token: admin, json: direct });

    const escalation = {
      id: newUlid(),
      flagId: newUlid(),
      category: 'dangerous_product',
      reason: 'Homemade gun parts.',
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: 'v-feed-2',
        url: 'https://shopvid.example/v/feed-2',
        creatorId: 'creator-feed-2',
      },
      createdAt: new Date().toISOString(),
    };
    await api(server.url, 'POST', '/v1/escalations', { token: alice, json: escalation });
    const enforcement = { id: newUlid(), action: 'banned', reason: 'Sells firearms.' };
    await api(server.url, 'POST', `/v1/escalations/${escalation.id}/resolve`, {
      token: admin,
      json: { decision: 'actioned', note: 'Account closed.', enforcementAction: enforcement },
    });

    const seen = await stream.waitFor(2);
    expect(seen.map((a) => [a.id, a.creator.creatorId, a.action])).toEqual([
      [direct.id, 'creator-feed-1', 'suspended'],
      [enforcement.id, 'creator-feed-2', 'banned'],
    ]);
    // `at` is when it was taken; recordedAt when the endpoint stored it.
    expect(seen[0]!.at).toBe(direct.at);
    expect(Date.parse(seen[0]!.recordedAt)).toBeGreaterThan(Date.parse(direct.at));
    await stream.close();
  });

  it('pushes the enforcement action of a resolution made in the console, as from /v1', async () => {
    const stream = await openEnforcementEvents(server.url, alice);
    const signIn = await fetch(`${server.url}/console/api/session`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'x-flagpost-console': '1',
      },
      body: '{}',
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const escalation = {
      id: newUlid(),
      flagId: newUlid(),
      category: 'dangerous_product',
      reason: 'Gun parts in a live stream.',
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: 'v-feed-3',
        url: 'https://shopvid.example/v/feed-3',
        creatorId: 'creator-feed-3',
      },
      createdAt: new Date().toISOString(),
    };
    await api(server.url, 'POST', '/v1/escalations', { token: alice, json: escalation });
    const enforcement = { id: newUlid(), action: 'suspended', reason: 'Gun parts.' };
    const resolved = await fetch(`${server.url}/console/api/escalations/${escalation.id}/resolve`, {
      method: 'POST',
      headers: { cookie, 'x-flagpost-console': '1', 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'actioned',
        note: 'Suspended.',
        enforcementAction: enforcement,
      }),
    });
    expect(resolved.status).toBe(200);
    const seen = await stream.waitFor(1);
    expect(seen.map((a) => [a.id, a.creator.creatorId, a.action])).toContainEqual([
      enforcement.id,
      'creator-feed-3',
      'suspended',
    ]);
    await stream.close();
  });

  it('lists actions recorded since a time, inclusive, oldest first', async () => {
    const before = await api<unknown>(server.url, 'GET', '/v1/enforcement-actions', {
      token: alice,
    });
    expect(before.status).toBe(200);
    const all = enforcementFeedSchema.parse(before.body);
    const last = all.actions.at(-1);
    const later = action('creator-feed-3');
    await api(server.url, 'POST', '/v1/enforcement-actions', { token: admin, json: later });
    const since = last ? last.recordedAt : new Date(0).toISOString();
    const feed = enforcementFeedSchema.parse(
      (
        await api<unknown>(
          server.url,
          'GET',
          `/v1/enforcement-actions?since=${encodeURIComponent(since)}`,
          { token: alice },
        )
      ).body,
    );
    expect(feed.more).toBe(false);
    expect(feed.actions.map((a) => a.id)).toContain(later.id);
    if (last) expect(feed.actions[0]!.id).toBe(last.id);
    const times = feed.actions.map((a) => a.recordedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('refuses a since that is not a time, saying what it expects', async () => {
    const bad = await api<ErrorBody>(server.url, 'GET', '/v1/enforcement-actions?since=yesterday', {
      token: alice,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('since must be an ISO 8601 time');
    const anonymous = await api(server.url, 'GET', '/v1/enforcement-actions');
    expect(anonymous.status).toBe(401);
  });
}, describe);
