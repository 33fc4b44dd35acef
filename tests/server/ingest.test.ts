import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResponse } from '@/lib/shared/protocol/batch';
import type { CreatorHistory } from '@/lib/shared/protocol/history';
import { newUlid } from '@/lib/shared/protocol/ids';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from '@/lib/shared/protocol/limits';
import type { ErrorBody } from '@/lib/shared/protocol/service';
import type { RunningServer } from '@/server/app';
import {
  api,
  type Backend,
  flagItem,
  forEachBackend,
  makeFlag,
  makeNote,
  noteItem,
  postBatch,
} from './helpers';
import { openServer } from './open-server';

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let close: () => Promise<void>;
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    ({
      server,
      close,
      tokens: { alice, bob, admin },
    } = await openServer(backend, {
      alice: 'alice',
      bob: 'bob',
      admin: { id: 'gov-admin', admin: true },
    }));
  });
  afterAll(() => close?.());

  const results = (response: { body: BatchResponse }) => response.body.results.map((r) => r.result);

  it('answers created, updated, unchanged and stale by id and revision', async () => {
    const flag = makeFlag();
    const first = await postBatch(server.url, alice, [flagItem(flag)]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toEqual({
      type: 'flag',
      id: flag.id,
      revision: 1,
      result: 'created',
      serverRevision: 1,
    });
    const edited = { ...flag, revision: 2, status: 'dismissed' as const };
    const second = await postBatch(server.url, alice, [
      flagItem(edited),
      flagItem(edited),
      flagItem(flag),
    ]);
    expect(results(second)).toEqual(['updated', 'unchanged', 'stale']);
    expect(second.body.results[2]?.serverRevision).toBe(2);
    expect(second.body.counts).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      stale: 1,
      rejected: 0,
    });
  });

  it('treats several revisions of one record in a batch as if sent one after the other', async () => {
    const flag = makeFlag();
    const second = { ...flag, revision: 2, severity: 'critical' as const };
    const response = await postBatch(server.url, alice, [
      flagItem(flag),
      flagItem(second),
      flagItem(flag),
    ]);
    expect(results(response)).toEqual(['created', 'updated', 'stale']);
    const stored = await server.db.query<{ revision: number; body: { severity: string } }>(
      'select revision, body from records where id = $1',
      [flag.id],
    );
    expect(stored.rows.map((r) => [r.revision, r.body.severity])).toEqual([[2, 'critical']]);
  });

  it('creates a record once when the same batch arrives twice at the same time', async () => {
    const batch = [flagItem(makeFlag()), flagItem(makeFlag())];
    const [a, b] = await Promise.all([
      postBatch(server.url, alice, batch),
      postBatch(server.url, alice, batch),
    ]);
    const outcomes = [...results(a), ...results(b)].sort();
    expect(outcomes).toEqual(['created', 'created', 'unchanged', 'unchanged']);
  });

  it('changes nothing when a batch is replayed', async () => {
    const creatorId = `replay-${newUlid()}`;
    const batch = [
      flagItem(makeFlag({ item: { ...makeFlag().item, creatorId } })),
      noteItem(
        makeNote({
          target: { type: 'creator', creator: { platform: 'shopvid', creatorId, handle: 'h' } },
        }),
      ),
    ];
    expect(results(await postBatch(server.url, alice, batch))).toEqual(['created', 'created']);
    const before = await api<CreatorHistory>(
      server.url,
      'GET',
      `/v1/creators/shopvid/${creatorId}/history`,
      { token: alice },
    );
    const replay = await postBatch(server.url, alice, batch);
    expect(results(replay)).toEqual(['unchanged', 'unchanged']);
    const after = await api<CreatorHistory>(
      server.url,
      'GET',
      `/v1/creators/shopvid/${creatorId}/history`,
      { token: alice },
    );
    expect({ ...after.body, generatedAt: '' }).toEqual({ ...before.body, generatedAt: '' });
    const revisions = await server.db.query<{ n: number }>(
      'select count(*)::int as n from record_revisions where id = $1',
      [batch[0]?.record.id],
    );
    expect(revisions.rows[0]?.n).toBe(1);
  });

  it('rejects records one by one, with the reason and where', async () => {
    const good = makeFlag();
    const invalid = { ...makeFlag(), severity: 'catastrophic' };
    const foreign = makeFlag({ reviewer: 'bob' });
    const response = await api<BatchResponse>(server.url, 'POST', '/v1/batches', {
      token: alice,
      json: { records: [flagItem(good), { type: 'flag', record: invalid }, flagItem(foreign)] },
    });
    expect(response.status).toBe(200);
    const [ok, bad, mismatch] = response.body.results;
    expect(ok?.result).toBe('created');
    expect(bad).toMatchObject({ result: 'rejected', code: 'invalid_record', id: invalid.id });
    expect(bad?.reason).toMatch(/^records\[1\]\.record\.severity: /);
    expect(mismatch).toMatchObject({ result: 'rejected', code: 'reviewer_mismatch' });
    expect(mismatch?.reason).toContain('"bob"');
  });

  it("rejects another reviewer's id, a type change and a conflicting revision", async () => {
    const bobs = makeFlag({ reviewer: 'bob' });
    expect(results(await postBatch(server.url, bob, [flagItem(bobs)]))).toEqual(['created']);
    const stolen = await postBatch(server.url, alice, [
      flagItem({ ...bobs, reviewer: 'alice', revision: 9 }),
    ]);
    expect(stolen.body.results[0]).toMatchObject({ result: 'rejected', code: 'not_owner' });

    const flag = makeFlag();
    await postBatch(server.url, alice, [flagItem(flag)]);
    const asNote = await postBatch(server.url, alice, [
      noteItem(makeNote({ id: flag.id, revision: 2 })),
    ]);
    expect(asNote.body.results[0]).toMatchObject({ result: 'rejected', code: 'type_mismatch' });
    const conflict = await postBatch(server.url, alice, [flagItem({ ...flag, note: 'changed' })]);
    expect(conflict.body.results[0]).toMatchObject({
      result: 'rejected',
      code: 'revision_conflict',
      serverRevision: 1,
    });
  });

  it('stores tombstones as new revisions and leaves them out of history', async () => {
    const creatorId = `tomb-${newUlid()}`;
    const flag = makeFlag({ item: { ...makeFlag().item, creatorId } });
    const kept = makeFlag({ item: { ...makeFlag().item, creatorId } });
    await postBatch(server.url, alice, [flagItem(flag), flagItem(kept)]);
    const tombstone = await postBatch(server.url, alice, [
      flagItem({ ...flag, revision: 2, deleted: true }),
    ]);
    expect(tombstone.body.results[0]).toMatchObject({ result: 'updated', serverRevision: 2 });
    const history = await api<CreatorHistory>(
      server.url,
      'GET',
      `/v1/creators/shopvid/${creatorId}/history`,
      { token: alice },
    );
    expect(history.body.flags.map((f) => f.id)).toEqual([kept.id]);
    const stored = await server.db.query<{ revision: number; deleted: boolean }>(
      'select revision, deleted from record_revisions where id = $1 order by revision',
      [flag.id],
    );
    expect(stored.rows).toEqual([
      { revision: 1, deleted: false },
      { revision: 2, deleted: true },
    ]);
  });

  it('shows history from all reviewers, with enforcement actions', async () => {
    const creatorId = `hist-${newUlid()}`;
    const item = { ...makeFlag().item, creatorId };
    const aliceFlag = makeFlag({ item });
    const bobFlag = makeFlag({ reviewer: 'bob', item, severity: 'critical' });
    const bobNote = makeNote({ reviewer: 'bob', target: { type: 'item', item } });
    await postBatch(server.url, alice, [flagItem(aliceFlag)]);
    await postBatch(server.url, bob, [flagItem(bobFlag), noteItem(bobNote)]);
    await postBatch(server.url, alice, [
      flagItem(makeFlag({ item: { ...item, creatorId: 'someone-else' } })),
    ]);
    const action = {
      id: newUlid(),
      creator: { platform: 'shopvid', creatorId },
      action: 'suspended',
      reason: 'Counterfeit listings',
      at: '2026-11-02T10:00:00.000Z',
    };
    expect(
      (await api(server.url, 'POST', '/v1/enforcement-actions', { token: alice, json: action }))
        .status,
    ).toBe(403);
    expect(
      (await api(server.url, 'POST', '/v1/enforcement-actions', { token: admin, json: action }))
        .status,
    ).toBe(201);
    expect(
      (await api(server.url, 'POST', '/v1/enforcement-actions', { token: admin, json: action }))
        .status,
    ).toBe(200);

    const history = await api<CreatorHistory>(
      server.url,
      'GET',
      `/v1/creators/shopvid/${creatorId}/history`,
      { token: alice },
    );
    expect(history.status).toBe(200);
    expect(history.body.creator).toEqual({ platform: 'shopvid', creatorId });
    expect(history.body.flags.map((f) => [f.id, f.reviewer])).toEqual([
      [aliceFlag.id, 'alice'],
      [bobFlag.id, 'bob'],
    ]);
    expect(history.body.flags[1]).toEqual(bobFlag);
    expect(history.body.notes).toEqual([bobNote]);
    expect(history.body.enforcementActions).toEqual([action]);
  });

  it('answers 413 beyond the item and byte limits', async () => {
    const tooMany = Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => flagItem(makeFlag()));
    const items = await postBatch(server.url, alice, tooMany);
    expect(items.status).toBe(413);
    expect((items.body as unknown as ErrorBody).error.code).toBe('payload_too_large');
    const huge = JSON.stringify({ records: [], padding: 'x'.repeat(MAX_BATCH_BYTES) });
    const bytes = await api<ErrorBody>(server.url, 'POST', '/v1/batches', {
      token: alice,
      body: huge,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bytes.status).toBe(413);
    expect(bytes.body.error.code).toBe('payload_too_large');
  });

  it('accepts a full batch of 500', async () => {
    const full = Array.from({ length: MAX_BATCH_ITEMS }, () => flagItem(makeFlag()));
    const response = await postBatch(server.url, alice, full);
    expect(response.status).toBe(200);
    expect(response.body.counts.created).toBe(MAX_BATCH_ITEMS);
  });

  it('fails a malformed envelope with 400 and every path', async () => {
    const response = await api<ErrorBody>(server.url, 'POST', '/v1/batches', {
      token: alice,
      json: {
        records: [flagItem(makeFlag()), { type: 'comment', record: { id: 'nope', revision: 0 } }],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const paths = (response.body.error.details as { issues: Array<{ path: string }> }).issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'records[1].type',
        'records[1].record.id',
        'records[1].record.revision',
      ]),
    );
    expect(response.body.error.message).toContain('records[1].record.id: must be a ULID');

    const notJson = await api<ErrorBody>(server.url, 'POST', '/v1/batches', {
      token: alice,
      body: '{"records": [',
      headers: { 'Content-Type': 'application/json' },
    });
    expect([notJson.status, notJson.body.error.code]).toEqual([400, 'invalid_json']);
    const notJsonType = await api<ErrorBody>(server.url, 'POST', '/v1/batches', {
      token: alice,
      body: 'records',
    });
    expect(notJsonType.status).toBe(415);
  });

  it('validates path parameters', async () => {
    const response = await api<ErrorBody>(
      server.url,
      'GET',
      '/v1/creators/Not%20A%20Platform/x/history',
      { token: alice },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('params.platform');
  });
}, describe);
