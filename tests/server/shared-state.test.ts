/**
 * What several instances on one PostgreSQL database must share: a rate limit spent on one
 * instance holds on the others (per token, and failed authentications per address), a
 * revoked token is refused everywhere at once, and live updates emitted on one instance
 * reach listeners on every instance. Rate limits also through Redis when REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, revokeTokens } from '@/server/app';
import { openDatabase } from '@/server/db/database';
import { PostgresRateLimitStore } from '@/server/shared-state/postgres-rate-limit';
import { api } from './helpers';
import { databaseUrl, type Instances, openInstances, SKIP_WITHOUT_POSTGRES } from './instances';

interface ErrorBody {
  error: { code: string };
}

const HISTORY = '/v1/creators/shopvid/c1/history';
/** Slow enough that nothing refills during a test. */
const LIMIT = { perSecond: 1 / 600, burst: 4 };
const AUTH_LIMIT = { perSecond: 1 / 600, burst: 3 };
const guess = (i: number) => `fpt_${String(i).padStart(43, 'g')}`;

/** The statuses of GETs sent to the instances in turn, starting at `first`. */
async function roundRobin(instances: Instances, token: string, count: number, first = 0) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = instances.servers[(first + i) % instances.servers.length];
    statuses.push((await api(server?.url ?? '', 'GET', HISTORY, { token })).status);
  }
  return statuses;
}

function sharedLimitTests(open: () => Promise<Instances>) {
  let instances: Instances;
  beforeAll(async () => {
    instances = await open();
  });
  afterAll(() => instances?.close());

  it('a token limit spent on one instance holds on the others', async () => {
    const { token } = await issueToken(instances.admin, 'alice');
    // Four requests, one to each instance in turn, spend the whole burst of four...
    expect(await roundRobin(instances, token, LIMIT.burst)).toEqual([200, 200, 200, 200]);
    // ...so every instance now refuses, not just the one that served the fourth.
    for (const server of instances.servers) {
      const refused = await api<ErrorBody>(server.url, 'GET', HISTORY, { token });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another token has its own bucket.
    const other = await issueToken(instances.admin, 'bob');
    expect(await roundRobin(instances, other.token, 1, 2)).toEqual([200]);
  });

  it('failed authentications from one address count on every instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_LIMIT.burst; i++) {
      const server = instances.servers[i % instances.servers.length];
      statuses.push((await api(server?.url ?? '', 'GET', HISTORY, { token: guess(i) })).status);
    }
    expect(statuses).toEqual([401, 401, 401]);
    for (const server of instances.servers) {
      const refused = await api<ErrorBody>(server.url, 'GET', HISTORY, { token: guess(99) });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
    }
  });
}

if (SKIP_WITHOUT_POSTGRES) console.info(`[shared state] skipped: ${SKIP_WITHOUT_POSTGRES}`);

describe.skipIf(SKIP_WITHOUT_POSTGRES)('rate limits in PostgreSQL, three instances', () => {
  sharedLimitTests(() => openInstances(3, { rateLimit: LIMIT, authFailureLimit: AUTH_LIMIT }));

  it('gives the last requests of a bucket to exactly as many concurrent takers', async () => {
    const url = databaseUrl ?? '';
    const instances = await openInstances(1);
    const schema = (
      await instances.admin.query<{ schema: string }>('select current_schema() as schema')
    ).rows[0]?.schema;
    // Three pools, as three instances would have, all taking from one key at once.
    const pools = await Promise.all(
      [0, 1, 2].map(() => openDatabase({ kind: 'postgres', url, schema, poolSize: 5 })),
    );
    try {
      const stores = pools.map((db) => new PostgresRateLimitStore(db, 'token', LIMIT));
      const decisions = await Promise.all(
        Array.from({ length: 30 }, (_, i) => stores[i % stores.length]?.take('contended')),
      );
      expect(decisions.filter((d) => d?.allowed).length).toBe(LIMIT.burst);
      expect(await stores[0]?.check('contended')).toMatchObject({ allowed: false });
      expect(await stores[1]?.check('untouched')).toEqual({ allowed: true });
    } finally {
      await Promise.all(pools.map((db) => db.close()));
      await instances.close();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
const SKIP_WITHOUT_REDIS = SKIP_WITHOUT_POSTGRES
  ? SKIP_WITHOUT_POSTGRES
  : redisUrl
    ? undefined
    : 'REDIS_URL is unset: the Redis rate-limit variant is skipped (e.g. REDIS_URL=redis://127.0.0.1:6379).';
if (SKIP_WITHOUT_REDIS) console.info(`[shared state] Redis skipped: ${SKIP_WITHOUT_REDIS}`);

describe.skipIf(SKIP_WITHOUT_REDIS)('rate limits in Redis, three instances', () => {
  // A prefix of this run's own: other runs and endpoints on the same Redis stay apart.
  const redisKeyPrefix = `flagpost-test-${randomBytes(6).toString('hex')}:`;
  sharedLimitTests(() =>
    openInstances(3, { rateLimit: LIMIT, authFailureLimit: AUTH_LIMIT, redisUrl, redisKeyPrefix }),
  );
  it('keeps no bucket rows in PostgreSQL', async () => {
    const instances = await openInstances(1, {
      rateLimit: LIMIT,
      redisUrl,
      // Its own prefix: the address's failure bucket above is spent.
      redisKeyPrefix: `${redisKeyPrefix}rows:`,
    });
    try {
      const { token } = await issueToken(instances.admin, 'carol');
      expect(await roundRobin(instances, token, 1)).toEqual([200]);
      const rows = await instances.admin.query('select 1 from rate_limit_buckets');
      expect(rows.rowCount).toBe(0);
    } finally {
      await instances.close();
    }
  });
});

describe.skipIf(SKIP_WITHOUT_POSTGRES)('revocation and live updates, three instances', () => {
  let instances: Instances;
  beforeAll(async () => {
    instances = await openInstances(3);
  });
  afterAll(() => instances?.close());

  it('refuses a revoked token on every instance at once', async () => {
    const { token } = await issueToken(instances.admin, 'dana');
    expect(await roundRobin(instances, token, 3)).toEqual([200, 200, 200]);
    expect(await revokeTokens(instances.admin, 'dana')).toBe(1);
    expect(await roundRobin(instances, token, 3)).toEqual([401, 401, 401]);
  });

  it('delivers what one instance emits to listeners on every instance, in order', async () => {
    const [first, ...others] = instances.servers;
    if (!first) throw new Error('no instances');
    // Over 8000 bytes: too large for a NOTIFY, so it travels through event_spill.
    const large = { change: 'created', reason: 'ร'.repeat(5_000) };
    const sent = [{ n: 1 }, large, { n: 3 }];
    const received = instances.servers.map((server) => {
      const got: unknown[] = [];
      return new Promise<unknown[]>((resolve) => {
        const listener = (payload: unknown) => {
          got.push(payload);
          if (got.length === sent.length) {
            server.events.off('test-topic', listener);
            resolve(got);
          }
        };
        server.events.on('test-topic', listener);
      });
    });
    for (const payload of sent) first.events.emit('test-topic', payload);
    const all = await Promise.all(received);
    for (const got of all) expect(got).toEqual(sent);
    expect(others.length).toBe(2);
    const spilled = await instances.admin.query<{ n: number }>(
      'select count(*)::int as n from event_spill',
    );
    expect(spilled.rows[0]?.n).toBe(1);
  });
});
