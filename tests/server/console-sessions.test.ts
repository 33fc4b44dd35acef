/**
 * The console's sessions and roles (issue 17): a lead or admin token signs in for an
 * HttpOnly, SameSite=Strict cookie whose id is stored only as a hash; a reviewer token
 * cannot; a missing, wrong, expired, signed-out or revoked session gets 401 and never data,
 * on every console API route; changes need the CSRF header and this origin; sessions hold
 * across two instances on one database; the page is served under a strict CSP.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, type RunningServer, revokeTokens, startServer } from '@/server/app';
import { runCli } from '@/server/cli';
import { consoleApiRoles, setConsoleSessionTtl } from '@/server/console/routes';
import { SESSION_COOKIE } from '@/server/console/sessions';
import type { Database } from '@/server/db/database';
import { type Backend, forEachBackend } from './helpers';

const CSRF = { 'x-flagpost-console': '1' };

async function signIn(url: string, token: string, headers: Record<string, string> = CSRF) {
  const response = await fetch(`${url}/console/api/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: '{}',
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  const id = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1];
  return { response, setCookie, id, cookie: id ? `${SESSION_COOKIE}=${id}` : '' };
}

const get = (url: string, path: string, cookie?: string) =>
  fetch(`${url}${path}`, { headers: cookie ? { cookie } : {} });

/** Every console API route with its path parameters filled in. */
const concrete = (path: string) =>
  path
    .replace('{id}', '01JEX000000000000000000000')
    .replace('{platform}', 'shopvid')
    .replace('{creatorId}', 'lena');

forEachBackend((backend: Backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let a: RunningServer;
  let b: RunningServer;
  let lead: string;
  let admin: string;
  let reviewer: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    dispose = opened.dispose;
    // Two instances on one database: sessions live in the database, not in either process.
    a = await startServer({ database: db });
    b = await startServer({ database: db });
    lead = (await issueToken(db, 'lead-lin', { role: 'lead' })).token;
    admin = (await issueToken(db, 'root', { admin: true })).token;
    reviewer = (await issueToken(db, 'alice')).token;
  });
  afterAll(async () => {
    setConsoleSessionTtl(8 * 3600);
    await a?.close();
    await b?.close();
    await dispose?.();
  });

  it('signs a lead in with an HttpOnly, SameSite=Strict cookie whose id is stored only hashed', async () => {
    const { response, setCookie, id, cookie } = await signIn(a.url, lead);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ reviewer: 'lead-lin', role: 'lead' });
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await db.query<{ id_hash: string }>(
      'select id_hash from console_sessions where reviewer = $1',
      ['lead-lin'],
    );
    expect(rows.map((r) => r.id_hash)).toContain(
      createHash('sha256')
        .update(id ?? '')
        .digest('hex'),
    );
    expect(JSON.stringify(rows)).not.toContain(id);
    // The other instance knows the session.
    const me = await get(b.url, '/console/api/session', cookie);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ reviewer: 'lead-lin', role: 'lead' });
  });

  it('an admin token signs in as admin; a reviewer token cannot sign in', async () => {
    const asAdmin = await signIn(a.url, admin);
    expect(asAdmin.response.status).toBe(201);
    expect(await asAdmin.response.json()).toMatchObject({ role: 'admin' });
    const asReviewer = await signIn(a.url, reviewer);
    expect(asReviewer.response.status).toBe(403);
    expect(asReviewer.setCookie).toBe('');
    expect((await asReviewer.response.json()).error.message).toMatch(
      /reviewer token cannot sign in/,
    );
    const unknown = await signIn(a.url, `fpt_${'x'.repeat(43)}`);
    expect(unknown.response.status).toBe(401);
  });

  it('refuses a sign-in without the CSRF header or from another origin', async () => {
    expect((await signIn(a.url, lead, {})).response.status).toBe(403);
    const crossSite = await signIn(a.url, lead, { ...CSRF, origin: 'https://evil.example' });
    expect(crossSite.response.status).toBe(403);
    expect(crossSite.setCookie).toBe('');
  });

  it('answers 401 and no data on every console API route without a live session', async () => {
    expect(consoleApiRoles.length).toBeGreaterThanOrEqual(12);
    for (const cookie of [
      undefined,
      `${SESSION_COOKIE}=${'A'.repeat(43)}`,
      `${SESSION_COOKIE}=not-a-session`,
    ]) {
      for (const route of consoleApiRoles) {
        expect(route.role === 'lead' || route.role === 'admin').toBe(true);
        const response = await fetch(`${a.url}${concrete(route.path)}`, {
          method: route.method,
          headers: { ...CSRF, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          ...(route.method === 'POST' ? { body: '{}' } : {}),
        });
        expect(response.status, `${route.method} ${route.path}`).toBe(401);
        const body = await response.json();
        expect(Object.keys(body)).toEqual(['error']);
        expect(body.error.code).toBe('unauthorized');
      }
    }
  });

  it('serves the page with a strict CSP: 401 (the sign-in page) without a session, 200 with one', async () => {
    const out = await get(a.url, '/console');
    expect(out.status).toBe(401);
    const csp = out.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await out.text();
    expect(html).toContain('/console/assets/app.js');
    expect(html).not.toMatch(/<script>(?!<)/);
    const { cookie } = await signIn(a.url, lead);
    expect((await get(a.url, '/console', cookie)).status).toBe(200);
    const js = await get(a.url, '/console/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.text()).length).toBeGreaterThan(1000);
    const th = await get(a.url, '/console/messages/th');
    expect(th.status).toBe(200);
    expect((await th.json()).consoleSignIn).toBe('ลงชื่อเข้าใช้');
    expect((await get(a.url, '/console/messages/xx')).status).toBe(404);
  });

  it('sign-out revokes the session on every instance', async () => {
    const { cookie } = await signIn(a.url, lead);
    expect((await get(b.url, '/console/api/session', cookie)).status).toBe(200);
    const noHeader = await fetch(`${b.url}/console/api/session/sign-out`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(noHeader.status).toBe(403);
    const out = await fetch(`${b.url}/console/api/session/sign-out`, {
      method: 'POST',
      headers: { cookie, ...CSRF },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await get(a.url, '/console/api/session', cookie)).status).toBe(401);
    expect((await get(a.url, '/console/api/escalations', cookie)).status).toBe(401);
  });

  it('a session expires, and ends when its token is revoked', async () => {
    setConsoleSessionTtl(1);
    const short = await signIn(a.url, lead);
    setConsoleSessionTtl(8 * 3600);
    expect(short.setCookie).toMatch(/Max-Age=1\b/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await get(a.url, '/console/api/session', short.cookie)).status).toBe(401);

    const revokable = (await issueToken(db, 'lead-tmp', { role: 'lead' })).token;
    const live = await signIn(a.url, revokable);
    expect((await get(a.url, '/console/api/session', live.cookie)).status).toBe(200);
    await revokeTokens(db, 'lead-tmp');
    expect((await get(b.url, '/console/api/session', live.cookie)).status).toBe(401);
  });

  it('a lead token acknowledges escalations on /v1; a reviewer token still cannot', async () => {
    const response = await fetch(`${a.url}/v1/escalations/01JEX000000000000000000000/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}` },
    });
    expect(response.status).toBe(403);
    const asLead = await fetch(`${a.url}/v1/escalations/01JEX000000000000000000000/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(asLead.status).toBe(404);
    // Publishing a policy pack stays admin-only.
    const publish = await fetch(`${a.url}/v1/policy-pack`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(publish.status).toBe(403);
  });

  it('the CLI issues lead tokens that sign in, and refuses an unknown role by name', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      env: {},
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      database: db,
    };
    expect(await runCli(['token', 'issue', '--reviewer', 'lin-cli', '--role', 'lead'], io)).toBe(0);
    expect(err.join('\n')).toMatch(/Issued a lead token for lin-cli/);
    const signedIn = await signIn(a.url, out[0] ?? '');
    expect(signedIn.response.status).toBe(201);
    expect(await runCli(['token', 'list'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/lin-cli\tlead\t/);
    expect(await runCli(['token', 'issue', '--reviewer', 'x', '--role', 'boss'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--role must be one of reviewer, lead, admin; got "boss"/);
  });

  it('refuses a console change without the CSRF header even with a live session', async () => {
    const { cookie } = await signIn(a.url, lead);
    const response = await fetch(`${a.url}/console/api/creators/shopvid/lena/actions`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'warning', reason: 'Repeated counterfeit listings.' }),
    });
    expect(response.status).toBe(403);
    const crossSite = await fetch(`${a.url}/console/api/creators/shopvid/lena/actions`, {
      method: 'POST',
      headers: {
        cookie,
        ...CSRF,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ action: 'warning', reason: 'Repeated counterfeit listings.' }),
    });
    expect(crossSite.status).toBe(403);
    const { rows } = await db.query('select id from enforcement_actions where creator_id = $1', [
      'lena',
    ]);
    expect(rows).toHaveLength(0);
  });

  it('records an enforcement action with a reason; a missing reason is refused by name', async () => {
    const { cookie } = await signIn(a.url, lead);
    const post = (body: unknown) =>
      fetch(`${a.url}/console/api/creators/shopvid/mika/actions`, {
        method: 'POST',
        headers: { cookie, ...CSRF, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const missing = await post({ action: 'warning', reason: '  ' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.message).toMatch(/reason: a reason is required/);
    const badKind = await post({ action: 'nuke', reason: 'x' });
    expect(badKind.status).toBe(400);
    expect((await badKind.json()).error.message).toMatch(/action/);
    const ok = await post({ action: 'suspended', reason: 'Coordinated scam wave.' });
    expect(ok.status).toBe(201);
    const { rows } = await db.query<{ action: string; reason: string }>(
      'select action, reason from enforcement_actions where creator_id = $1',
      ['mika'],
    );
    expect(rows).toEqual([{ action: 'suspended', reason: 'Coordinated scam wave.' }]);
  });
}, describe);
