import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Escalation,
  type EscalationCreateInput,
  escalationEventSchema,
  escalationListSchema,
  escalationSchema,
} from '@/lib/shared/protocol/escalations';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { ErrorBody } from '@/lib/shared/protocol/service';
import type { RunningServer } from '@/server/app';
import { openEventStream } from './event-stream';
import { api, type Backend, forEachBackend } from './helpers';
import { openServer } from './open-server';

function makeEscalation(overrides: Partial<EscalationCreateInput> = {}): EscalationCreateInput {
  return {
    id: newUlid(),
    flagId: newUlid(),
    category: 'child_safety',
    reason: 'Live stream shows a minor in danger.',
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: `v-${newUlid()}`,
      url: 'https://shopvid.example/v/9',
      creatorId: 'creator-9',
    },
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

/** The `escalation` events of a live stream (enforcement actions share it and are skipped). */
const openEvents = (url: string, token: string) =>
  openEventStream(url, token, 'escalation', escalationEventSchema);

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let close: () => Promise<void>;
  let alice: string;
  let bob: string;
  let lead: string;

  beforeAll(async () => {
    ({
      server,
      close,
      tokens: { alice, bob, lead },
    } = await openServer(backend, {
      alice: 'alice',
      bob: 'bob',
      lead: { id: 'lead-lin', admin: true },
    }));
  });
  afterAll(() => close?.());

  it('creates once by id, with SLA deadlines from the category timers', async () => {
    const input = makeEscalation();
    const first = await api<Escalation>(server.url, 'POST', '/v1/escalations', {
      token: alice,
      json: input,
    });
    expect(first.status).toBe(201);
    const stored = escalationSchema.parse(first.body);
    expect(stored).toMatchObject({ id: input.id, reviewer: 'alice', state: 'open' });
    const received = Date.parse(stored.receivedAt);
    // child_safety: 120 s to acknowledge, 1800 s to resolve (migration 004).
    expect(Date.parse(stored.acknowledgeDueAt) - received).toBe(120_000);
    expect(Date.parse(stored.resolveDueAt) - received).toBe(1_800_000);
    const again = await api<Escalation>(server.url, 'POST', '/v1/escalations', {
      token: alice,
      json: input,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(stored);
    const reused = await api<ErrorBody>(server.url, 'POST', '/v1/escalations', {
      token: alice,
      json: { ...input, category: 'scam_wave' },
    });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'conflict']);
  });

  it('refuses an escalation without category or reason, with a clear message', async () => {
    const { category: _c, ...noCategory } = makeEscalation();
    const missing = await api<ErrorBody>(server.url, 'POST', '/v1/escalations', {
      token: alice,
      json: noCategory,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('category');
    const blank = await api<ErrorBody>(server.url, 'POST', '/v1/escalations', {
      token: alice,
      json: makeEscalation({ reason: '   ' }),
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('a reason is required');
  });

  it('lets a reviewer read only their own, and a lead everyone’s by state', async () => {
    const mine = makeEscalation();
    await api(server.url, 'POST', '/v1/escalations', { token: bob, json: mine });
    const bobs = escalationListSchema.parse(
      (await api(server.url, 'GET', '/v1/escalations', { token: bob })).body,
    );
    expect(bobs.escalations.map((e) => e.reviewer)).toEqual(['bob']);
    const hidden = await api(server.url, 'GET', `/v1/escalations/${mine.id}`, { token: alice });
    expect(hidden.status).toBe(404);
    const open = escalationListSchema.parse(
      (await api(server.url, 'GET', '/v1/escalations?state=open', { token: lead })).body,
    );
    expect(new Set(open.escalations.map((e) => e.reviewer))).toEqual(new Set(['alice', 'bob']));
    const bad = await api<ErrorBody>(server.url, 'GET', '/v1/escalations?state=lost', {
      token: lead,
    });
    expect(bad.status).toBe(400);
  });

  it('lets only a lead acknowledge and resolve, recording the enforcement action', async () => {
    const input = makeEscalation({ category: 'dangerous_product' });
    await api(server.url, 'POST', '/v1/escalations', { token: alice, json: input });
    const path = `/v1/escalations/${input.id}`;
    const byReviewer = await api(server.url, 'POST', `${path}/acknowledge`, { token: alice });
    expect(byReviewer.status).toBe(403);
    const acked = await api<Escalation>(server.url, 'POST', `${path}/acknowledge`, {
      token: lead,
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'lead-lin' });
    const outcome = {
      decision: 'actioned',
      note: 'Listing pulled.',
      enforcementAction: { id: newUlid(), action: 'listing_removed', reason: 'Unsafe heater.' },
    };
    const resolved = await api<Escalation>(server.url, 'POST', `${path}/resolve`, {
      token: lead,
      json: outcome,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: 'lead-lin', outcome });
    const history = await api<{ enforcementActions: { id: string; action: string }[] }>(
      server.url,
      'GET',
      '/v1/creators/shopvid/creator-9/history',
      { token: alice },
    );
    expect(history.body.enforcementActions).toContainEqual(
      expect.objectContaining({ id: outcome.enforcementAction.id, action: 'listing_removed' }),
    );
    const same = await api(server.url, 'POST', `${path}/resolve`, { token: lead, json: outcome });
    expect(same.status).toBe(200);
    const other = await api<ErrorBody>(server.url, 'POST', `${path}/resolve`, {
      token: lead,
      json: { decision: 'no_violation' },
    });
    expect([other.status, other.body.error.code]).toEqual([409, 'conflict']);
    const late = await api(server.url, 'POST', `${path}/acknowledge`, { token: lead });
    expect(late.status).toBe(409);
  });

  it('pushes every change as a Server-Sent Event, a reviewer hearing only their own', async () => {
    const leadStream = await openEvents(server.url, lead);
    const bobStream = await openEvents(server.url, bob);
    expect(leadStream.response.headers.get('content-type')).toContain('text/event-stream');
    const input = makeEscalation({ category: 'self_harm' });
    await api(server.url, 'POST', '/v1/escalations', { token: alice, json: input });
    await api(server.url, 'POST', `/v1/escalations/${input.id}/acknowledge`, { token: lead });
    const bobs = makeEscalation();
    await api(server.url, 'POST', '/v1/escalations', { token: bob, json: bobs });
    const seen = await leadStream.waitFor(3);
    expect(seen.map((e) => [e.change, e.escalation.id])).toEqual([
      ['created', input.id],
      ['acknowledged', input.id],
      ['created', bobs.id],
    ]);
    const bobSeen = await bobStream.waitFor(1);
    expect(bobSeen.map((e) => e.escalation.id)).toEqual([bobs.id]);
    await leadStream.close();
    await bobStream.close();
  });
}, describe);
