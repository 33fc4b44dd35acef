/**
 * Issue 15, "Also": what a hostile client could do to the endpoint. CORS answered every
 * extension origin; evidence bytes were not checked against their type and nothing said
 * `nosniff`; guessing tokens was not limited and each guess cost a query; a body trickled
 * in with a valid token kept its connection for minutes. Each test performs the attack.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '@/lib/shared/protocol/service';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import type { Database } from '@/server/db/database';
import { migrate } from '@/server/db/migrations';
import { api, type Backend, forEachBackend } from './helpers';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const OTHER_EXTENSION = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
const FIREFOX = 'moz-extension://0a1b2c3d-4e5f-6789-abcd-ef0123456789';

/** The same database, counting the statements the endpoint sends it. */
/**
 * Counts token lookups. Only those: on PostgreSQL the failure buckets themselves live in
 * the database (shared by every instance), and spending one is not a token lookup.
 */
function counted(db: Database): { db: Database; queries: () => number } {
  let queries = 0;
  const wrapped: Database = {
    kind: db.kind,
    query: (sql, params) => {
      if (/\bfrom tokens\b/.test(sql)) queries++;
      return db.query(sql, params);
    },
    exec: (script) => db.exec(script),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: wrapped, queries: () => queries };
}

/** GET from another loopback address (Linux routes all of 127/8 to lo). */
function getFrom(localAddress: string, url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers: { Authorization: `Bearer ${token}` } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

forEachBackend((backend: Backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let alice: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    dispose = opened.dispose;
    await migrate(db);
    alice = (await issueToken(db, 'alice')).token;
  });
  afterAll(async () => {
    await dispose?.();
  });

  async function withServer(
    options: Parameters<typeof startServer>[0],
    fn: (server: RunningServer) => Promise<void>,
  ) {
    const server = await startServer({ database: db, ...options });
    try {
      await fn(server);
    } finally {
      await server.close();
    }
  }

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/v1/batches`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });

  it('answers CORS for the configured extension origins only', async () => {
    await withServer({ extensionOrigins: [EXTENSION, FIREFOX] }, async (server) => {
      const allowed = await preflight(server.url, EXTENSION);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(EXTENSION);
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
      const get = await api(server.url, 'GET', '/v1/health', { headers: { Origin: FIREFOX } });
      expect(get.headers.get('access-control-allow-origin')).toBe(FIREFOX);
      expect(get.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);

      for (const origin of [OTHER_EXTENSION, 'https://evil.example', 'null']) {
        const refused = await preflight(server.url, origin);
        expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(refused.headers.get('access-control-allow-methods'), origin).toBeNull();
        expect(refused.headers.get('vary')).toBe('Origin');
      }
    });
    await withServer({}, async (server) => {
      const unconfigured = await preflight(server.url, EXTENSION);
      expect(unconfigured.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses evidence whose bytes are not the type it names, and says nosniff', async () => {
    await withServer({}, async (server) => {
      const html = Buffer.from('<html><script>alert(document.domain)</script></html>');
      const put = (bytes: Buffer, type: string) =>
        fetch(`${server.url}/v1/evidence/${createHash('sha256').update(bytes).digest('hex')}`, {
          method: 'PUT',
          headers: { 'Content-Type': type, Authorization: `Bearer ${alice}` },
          body: new Uint8Array(bytes),
        });
      for (const type of ['image/png', 'image/jpeg']) {
        const refused = await put(html, type);
        expect(refused.status).toBe(415);
        expect(((await refused.json()) as ErrorBody).error.code).toBe('evidence_type_mismatch');
      }
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      expect((await put(png, 'image/jpeg')).status).toBe(415);
      expect((await put(jpeg, 'image/jpeg')).status).toBe(201);
      const stored = await put(png, 'image/png');
      expect(stored.status).toBe(201);
      expect(stored.headers.get('x-content-type-options')).toBe('nosniff');

      const hash = createHash('sha256').update(png).digest('hex');
      const served = await fetch(`${server.url}/v1/evidence/${hash}`, {
        headers: { Authorization: `Bearer ${alice}` },
      });
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      const error = await api(server.url, 'GET', '/v1/nothing');
      expect(error.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  it('limits failed authentications per address, before any token lookup', async () => {
    const { db: countedDb, queries } = counted(db);
    const limit = { perSecond: 1 / 600, burst: 5 };
    const server = await startServer({ database: countedDb, authFailureLimit: limit });
    try {
      const history = '/v1/creators/shopvid/c1/history';
      // Not the shape of an issued token: refused without a query.
      const before = queries();
      for (const token of ['x', 'fpt_short', `fpt_${'a'.repeat(42)}!`]) {
        expect((await api(server.url, 'GET', history, { token })).status).toBe(401);
      }
      expect(queries()).toBe(before);
      // Well-formed guesses: the two remaining failures cost a lookup each, then 429.
      const guess = (i: number) => `fpt_${String(i).padStart(43, 'g')}`;
      const statuses: number[] = [];
      for (let i = 0; i < 2; i++)
        statuses.push((await api(server.url, 'GET', history, { token: guess(i) })).status);
      expect(statuses).toEqual([401, 401]);
      const afterLookups = queries();
      expect(afterLookups - before).toBe(2);
      for (let i = 2; i < 50; i++) {
        const refused = await api<ErrorBody>(server.url, 'GET', history, { token: guess(i) });
        expect(refused.status).toBe(429);
        expect(refused.body.error.code).toBe('rate_limited');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(queries()).toBe(afterLookups);
      // Another address is not held back by this one's failures.
      expect(await getFrom('127.0.0.2', `${server.url}${history}`, alice)).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers 408 and closes the connection when a body trickles in', async () => {
    // Without the failed-authentication limit: on PostgreSQL its buckets are shared by every
    // server on the database, and the test before this one spent 127.0.0.1's.
    await withServer({ bodyTimeoutMs: 300, authFailureLimit: false }, async (server) => {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(
        [
          'POST /v1/batches HTTP/1.1',
          'Host: 127.0.0.1',
          `Authorization: Bearer ${alice}`,
          'Content-Type: application/json',
          'Content-Length: 100000',
          '',
          '{"records":[',
        ].join('\r\n'),
      );
      // Then nothing more: the endpoint must answer and hang up on its own.
      await closed;
      expect(received).toMatch(/^HTTP\/1\.1 408 /);
      expect(received).toContain('"code":"request_timeout"');
      expect(received).toMatch(/connection: close/i);
    });
  });
}, describe);
