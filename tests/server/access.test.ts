import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchResponseSchema } from '@/lib/shared/protocol/batch';
import { creatorHistorySchema } from '@/lib/shared/protocol/history';
import { buildOpenApiDocument } from '@/lib/shared/protocol/openapi';
import {
  type ErrorBody,
  errorBodySchema,
  type Health,
  healthSchema,
  type PolicyPackEnvelope,
  policyPackEnvelopeSchema,
} from '@/lib/shared/protocol/service';
import { issueToken, type RunningServer, revokeTokens, startServer } from '@/server/app';
import { api, type Backend, flagItem, forEachBackend, makeFlag, postBatch } from './helpers';
import { openServer } from './open-server';

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let close: () => Promise<void>;
  let alice: string;
  let admin: string;

  beforeAll(async () => {
    ({
      server,
      close,
      tokens: { alice, admin },
    } = await openServer(backend, { alice: 'alice', admin: { id: 'lead', admin: true } }));
  });
  afterAll(() => close?.());

  it('serves health without a token', async () => {
    const health = await api<Health>(server.url, 'GET', '/v1/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: backend.name, apiVersion: 'v1' });
  });

  it('answers 401 without a valid token and 403 without an admin token', async () => {
    const none = await api<ErrorBody>(server.url, 'GET', '/v1/policy-pack');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(none.body.error.code).toBe('unauthorized');
    const wrong = await api(server.url, 'GET', '/v1/policy-pack', { token: `${alice}x` });
    expect(wrong.status).toBe(401);
    const publish = await api<ErrorBody>(server.url, 'PUT', '/v1/policy-pack', {
      token: alice,
      json: { version: '1', pack: {} },
    });
    expect([publish.status, publish.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('stops accepting a revoked token', async () => {
    const { token } = await issueToken(server.db, 'carol');
    expect((await api(server.url, 'GET', '/v1/creators/shopvid/x/history', { token })).status).toBe(
      200,
    );
    expect(await revokeTokens(server.db, 'carol')).toBe(1);
    expect((await api(server.url, 'GET', '/v1/creators/shopvid/x/history', { token })).status).toBe(
      401,
    );
  });

  it('delivers the policy pack with an ETag and answers 304 when unchanged', async () => {
    const missing = await api<ErrorBody>(server.url, 'GET', '/v1/policy-pack', { token: alice });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('no_policy_pack');
    expect(missing.body.error.message).toMatch(/No policy pack has been published/);

    const pack = { id: 'starter', policies: [{ id: 'off-platform', terms: ['WhatsApp', 'ไลน์'] }] };
    const published = await api<PolicyPackEnvelope>(server.url, 'PUT', '/v1/policy-pack', {
      token: admin,
      json: { version: '2026.11.1', pack },
    });
    expect(published.status).toBe(200);
    const etag = published.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    const current = await api<PolicyPackEnvelope>(server.url, 'GET', '/v1/policy-pack', {
      token: alice,
    });
    expect(current.status).toBe(200);
    expect(current.headers.get('etag')).toBe(etag);
    expect(current.body).toMatchObject({ version: '2026.11.1', etag, publishedBy: 'lead', pack });

    const unchanged = await api(server.url, 'GET', '/v1/policy-pack', {
      token: alice,
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeUndefined();

    await api(server.url, 'PUT', '/v1/policy-pack', {
      token: admin,
      json: { version: '2026.11.2', pack },
    });
    const changed = await api<PolicyPackEnvelope>(server.url, 'GET', '/v1/policy-pack', {
      token: alice,
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe('2026.11.2');
    expect(changed.headers.get('etag')).not.toBe(etag);

    const invalid = await api<ErrorBody>(server.url, 'PUT', '/v1/policy-pack', {
      token: admin,
      json: { pack },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('version');
  });

  it('answers 429 with Retry-After once a token has spent its bucket', async () => {
    const limited = await startServer({
      database: server.db,
      rateLimit: { perSecond: 0.5, burst: 2 },
    });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof api<ErrorBody>>> | undefined;
      for (let i = 0; i < 3; i++) {
        last = await api<ErrorBody>(limited.url, 'GET', '/v1/creators/shopvid/x/history', {
          token: alice,
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(last?.body.error.code).toBe('rate_limited');
      // Buckets are per token: another reviewer is not slowed down by alice.
      expect(
        (await api(limited.url, 'GET', '/v1/creators/shopvid/x/history', { token: admin })).status,
      ).toBe(200);
      // Unauthenticated health checks are not rate limited.
      expect((await api(limited.url, 'GET', '/v1/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('serves the OpenAPI document without a token', async () => {
    const served = await api(server.url, 'GET', '/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('sends bodies that parse with the schemas the document was built from', async () => {
    const flag = makeFlag();
    batchResponseSchema.parse((await postBatch(server.url, alice, [flagItem(flag)])).body);
    const path = `/v1/creators/shopvid/${flag.item.creatorId}/history`;
    const history = await api(server.url, 'GET', path, { token: alice });
    expect(creatorHistorySchema.parse(history.body).flags).toContainEqual(flag);
    healthSchema.parse((await api(server.url, 'GET', '/v1/health')).body);
    errorBodySchema.parse((await api(server.url, 'GET', '/v1/policy-pack')).body);
    const published = await api(server.url, 'PUT', '/v1/policy-pack', {
      token: admin,
      json: { version: 'contract', pack: [] },
    });
    policyPackEnvelopeSchema.parse(published.body);
  });

  it('answers 404 and 405 with error bodies', async () => {
    const missing = await api<ErrorBody>(server.url, 'GET', '/v1/nothing', { token: alice });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    const wrong = await api<ErrorBody>(server.url, 'DELETE', '/v1/batches', { token: alice });
    expect([wrong.status, wrong.body.error.code]).toEqual([405, 'method_not_allowed']);
    expect(wrong.headers.get('allow')).toContain('POST');
  });
}, describe);
