/**
 * The console's view routes end to end over HTTP with a lead's session: each answers its
 * view as JSON and every table as CSV (formula cells guarded), refuses a bad filter value
 * with a 400 naming it, and the escalation routes acknowledge and resolve (recording the
 * enforcement action) with the change pushed on the console's event stream.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag } from '@/lib/shared/protocol/records';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { SESSION_COOKIE } from '@/server/console/sessions';
import { type Backend, flagItem, forEachBackend, makeFlag, postBatch } from './helpers';

const CSRF = { 'x-flagpost-console': '1' };

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let cookie: string;
  let alice: string;

  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    server = await startServer({ database: opened.db });
    alice = (await issueToken(opened.db, 'alice')).token;
    const bob = (await issueToken(opened.db, 'bob')).token;
    const lead = (await issueToken(opened.db, 'lead-lin', { role: 'lead' })).token;
    const signIn = await fetch(`${server.url}/console/api/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead}`, ...CSRF },
    });
    const id = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(
      signIn.headers.get('set-cookie') ?? '',
    )?.[1];
    cookie = `${SESSION_COOKIE}=${id}`;
    // Two reviewers decide the same three items: agree on two, disagree on one.
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const decided = new Date().toISOString();
    const flags = (reviewer: string, statuses: Flag['status'][]) =>
      statuses.map((status, i) =>
        makeFlag({
          reviewer,
          status,
          createdAt: at,
          updatedAt: decided,
          source: 'auto',
          ruleId: 'wa-link',
          policyId: 'off-platform',
          item: {
            platform: 'shopvid',
            kind: 'video',
            itemId: `shared-${i}`,
            url: `https://shopvid.example/v/${i}`,
            creatorId: 'lena',
            title: '=HYPERLINK("http://evil.example")',
            market: 'TH',
          },
        }),
      );
    expect(
      (
        await postBatch(
          server.url,
          alice,
          flags('alice', ['confirmed', 'confirmed', 'dismissed']).map(flagItem),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await postBatch(
          server.url,
          bob,
          flags('bob', ['confirmed', 'dismissed', 'dismissed']).map(flagItem),
        )
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } });
  const range = () => {
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  };

  it('the flag queue: filtered, keyset paged, CSV with formula cells guarded', async () => {
    const first = await get('/console/api/flags?limit=4&creator=shopvid:lena');
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { rows: { id: string }[]; nextCursor: string | null };
    expect(page1.rows).toHaveLength(4);
    expect(page1.nextCursor).not.toBeNull();
    const second = await get(
      `/console/api/flags?limit=4&creator=shopvid:lena&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`,
    );
    const page2 = (await second.json()) as { rows: { id: string }[]; nextCursor: string | null };
    expect(page2.rows).toHaveLength(2);
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(6);
    const bob = (await (await get('/console/api/flags?reviewer=bob&status=dismissed')).json()) as {
      rows: unknown[];
    };
    expect(bob.rows).toHaveLength(2);
    const csv = await get('/console/api/flags?market=TH&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="flagpost-flags-/);
    const text = await csv.text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(7);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('refuses each bad filter value with a message naming it', async () => {
    for (const [query, named] of [
      ['market=XX', /market: must be one of/],
      ['severity=urgent', /severity: must be one of/],
      ['creator=lena', /creator: must be "platform:creatorId"/],
      ['limit=0', /limit: must be at least 1/],
      ['from=yesterday', /from/],
      ['reviewer=a%20b', /reviewer/],
      ['colour=red', /colour/],
    ] as const) {
      const response = await get(`/console/api/flags?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.message, query).toMatch(named);
    }
    const twice = await get('/console/api/flags?market=TH&market=VN');
    expect(twice.status).toBe(400);
    expect((await twice.json()).error.message).toMatch(/market is given more than once/);
    const format = await get('/console/api/flags?format=xlsx');
    expect(format.status).toBe(400);
    const noRange = await get('/console/api/metrics/reviewers');
    expect(noRange.status).toBe(400);
    expect((await noRange.json()).error.message).toMatch(/time range/);
  });

  it('metrics, agreement and precision as JSON and as CSV', async () => {
    const pm = await get(`/console/api/metrics/policy-market?${range()}`);
    expect(pm.status).toBe(200);
    const rows = ((await pm.json()) as { rows: { flags: number; confirmed: number }[] }).rows;
    expect(rows.reduce((sum, r) => sum + r.flags, 0)).toBe(6);
    const byMarket = await get(
      `/console/api/metrics/policy-market?${range()}&group=market&format=csv`,
    );
    expect((await byMarket.text()).split('\r\n')[1]).toBe(',,TH,6,0,3,3');
    const reviewers = (await (await get(`/console/api/metrics/reviewers?${range()}`)).json()) as {
      rows: { reviewer: string; confirmed: number; dismissed: number }[];
    };
    expect(reviewers.rows.map((r) => [r.reviewer, r.confirmed, r.dismissed]).sort()).toEqual([
      ['alice', 2, 1],
      ['bob', 1, 2],
    ]);
    const agreement = (await (await get(`/console/api/agreement?${range()}`)).json()) as {
      units: number;
      overall: { pairs: number; agreed: number; agreementRate: number; kappa: number };
    };
    expect(agreement.units).toBe(3);
    expect(agreement.overall).toMatchObject({ pairs: 3, agreed: 2 });
    // Alice confirms 2/3, Bob 1/3: pe = 2/3·1/3 + 1/3·2/3 = 4/9, kappa = (2/3 - 4/9)/(5/9) = 0.4.
    expect(agreement.overall.kappa).toBeCloseTo(0.4, 6);
    for (const table of ['pairs', 'groups']) {
      const csv = await get(`/console/api/agreement?${range()}&format=csv&table=${table}`);
      expect(csv.status).toBe(200);
      expect((await csv.text()).split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    }
    const precision = await get('/console/api/precision?minDecisions=1&tightenBelow=0.6');
    const view = (await precision.json()) as {
      rules: { ruleId: string; confirmed: number; dismissed: number; tighten: boolean }[];
    };
    expect(view.rules).toEqual([
      expect.objectContaining({ ruleId: 'wa-link', confirmed: 3, dismissed: 3, tighten: true }),
    ]);
    expect((await get('/console/api/precision?format=csv&table=tighten')).status).toBe(200);
  });

  it('the creator page: records across the team, actions, CSV per table', async () => {
    const response = await get('/console/api/creators/shopvid/lena');
    expect(response.status).toBe(200);
    const view = (await response.json()) as {
      totals: { flags: number; reviewers: number };
      flags: unknown[];
      rulePrecision: unknown[];
    };
    expect(view.totals).toMatchObject({ flags: 6, reviewers: 2 });
    expect(view.rulePrecision.length).toBeGreaterThan(0);
    for (const table of ['flags', 'notes', 'actions']) {
      expect(
        (await get(`/console/api/creators/shopvid/lena?format=csv&table=${table}`)).status,
      ).toBe(200);
    }
    expect((await get('/console/api/creators/shopvid/lena?format=csv&table=x')).status).toBe(400);
  });

  it('acknowledges and resolves an escalation, recording the action, pushed on the stream', async () => {
    const [flag] = (await (await get('/console/api/flags?reviewer=alice&limit=1')).json()).rows as {
      id: string;
    }[];
    const escalationId = newUlid();
    const created = await fetch(`${server.url}/v1/escalations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: escalationId,
        flagId: flag?.id,
        category: 'scam_wave',
        reason: 'Coordinated scam wave in the comments.',
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId: 'shared-0',
          url: 'https://shopvid.example/v/0',
          creatorId: 'lena',
        },
        createdAt: new Date().toISOString(),
      }),
    });
    expect(created.status).toBe(201);

    const controller = new AbortController();
    const stream = await fetch(`${server.url}/console/api/escalations/events`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body?.getReader();
    const heard: string[] = [];
    const listening = (async () => {
      const decoder = new TextDecoder();
      let text = '';
      while (reader) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
        for (const change of ['acknowledged', 'resolved'])
          if (text.includes(`"change":"${change}"`) && !heard.includes(change)) heard.push(change);
        if (heard.length === 2) break;
      }
    })();

    const queue = (await (await get('/console/api/escalations?state=open')).json()) as {
      rows: { id: string }[];
      counts: { open: number };
    };
    expect(queue.rows.map((r) => r.id)).toEqual([escalationId]);
    const post = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { cookie, ...CSRF, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const ack = await post(`/console/api/escalations/${escalationId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'lead-lin' });
    const bad = await post(`/console/api/escalations/${escalationId}/resolve`, {
      decision: 'maybe',
    });
    expect(bad.status).toBe(400);
    const resolved = await post(`/console/api/escalations/${escalationId}/resolve`, {
      decision: 'actioned',
      note: 'Creator suspended.',
      enforcementAction: { id: newUlid(), action: 'suspended', reason: 'Scam wave.' },
    });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ state: 'resolved', resolvedBy: 'lead-lin' });
    await listening;
    controller.abort();
    expect(heard).toEqual(['acknowledged', 'resolved']);
    const creator = (await (await get('/console/api/creators/shopvid/lena')).json()) as {
      actions: { action: string; reason: string }[];
    };
    expect(creator.actions).toEqual([
      expect.objectContaining({ action: 'suspended', reason: 'Scam wave.' }),
    ]);
    const csv = await (await get('/console/api/escalations?state=resolved&format=csv')).text();
    expect(csv).toContain(escalationId);
    expect(csv).toContain('suspended');
  });

  it("shows an escalation's snapshot to a lead's session, and to no one without one", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const put = await fetch(`${server.url}/v1/evidence/${sha256}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(put.status).toBe(201);
    const escalationId = newUlid();
    const created = await fetch(`${server.url}/v1/escalations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: escalationId,
        flagId: newUlid(),
        category: 'dangerous_product',
        reason: 'Heater catches fire in the video.',
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId: 'heater-7',
          url: 'https://shopvid.example/v/heater-7',
          creatorId: 'lena',
        },
        evidence: [sha256],
        createdAt: new Date().toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const queue = (await (await get('/console/api/escalations?state=open')).json()) as {
      rows: { id: string; evidence: string[] }[];
    };
    expect(queue.rows.find((r) => r.id === escalationId)?.evidence).toEqual([sha256]);
    const image = await get(`/console/api/evidence/${sha256}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png);
    const anonymous = await fetch(`${server.url}/console/api/evidence/${sha256}`);
    expect(anonymous.status).toBe(401);
    expect((await get(`/console/api/evidence/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('/console/api/evidence/not-a-hash')).status).toBe(400);
  });
}, describe);
