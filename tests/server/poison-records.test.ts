/**
 * Issue 15, item 4: one character stopped sync. A U+0000 or a lone surrogate in any string
 * of a record (a product name read from a page's JSON-LD is enough), or a revision beyond
 * the database's integer column, made the endpoint answer 500 to the whole batch. Each of
 * these must now be that record's own rejection, with a code and the field, while the rest
 * of the batch goes in; and every other route must answer 400, never 500, to such input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItem, BatchResponse } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';
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

const NUL = 'Serum\u0000';
const LONE_HIGH = 'Serum \uD83D only half an emoji';
const LONE_LOW = '\uDE00 the other half';

/** A poison record per string field a page can put text into, and the field it names. */
function poisonRecords(): { item: BatchItem; field: string }[] {
  const flag = (f: Parameters<typeof makeFlag>[0], field: string) => ({
    item: flagItem(makeFlag(f)),
    field,
  });
  const base = makeFlag();
  return [
    flag({ item: { ...base.item, title: NUL } }, 'item.title'),
    flag({ item: { ...base.item, creatorHandle: LONE_HIGH } }, 'item.creatorHandle'),
    flag({ item: { ...base.item, itemId: LONE_LOW } }, 'item.itemId'),
    flag({ item: { ...base.item, creatorId: `c${NUL}` } }, 'item.creatorId'),
    flag({ item: { ...base.item, url: `https://shopvid.example/v/${NUL}` } }, 'item.url'),
    flag({ note: LONE_HIGH }, 'note'),
    flag({ policyVersion: NUL }, 'policyVersion'),
    flag({ evidence: [{ field: 'title', start: 0, end: 5, text: NUL }] }, 'evidence[0].text'),
    {
      item: noteItem(makeNote({ text: `asks buyers to DM ${LONE_LOW}` })),
      field: 'text',
    },
    {
      item: noteItem(
        makeNote({
          target: {
            type: 'creator',
            creator: { platform: 'shopvid', creatorId: 'c1', handle: 'x', displayName: NUL },
          },
        }),
      ),
      field: 'target.creator.displayName',
    },
  ];
}

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
    } = await openServer(backend, { alice: 'alice', admin: { id: 'gov-admin', admin: true } }));
  });
  afterAll(() => close?.());

  it('rejects a record with U+0000 or a lone surrogate alone, naming the field', async () => {
    const poison = poisonRecords();
    const good = [flagItem(makeFlag()), noteItem(makeNote())];
    const response = await postBatch(server.url, alice, [
      good[0] as BatchItem,
      ...poison.map((p) => p.item),
      good[1] as BatchItem,
    ]);
    expect(response.status).toBe(200);
    const [first, ...rest] = response.body.results;
    const last = rest.pop();
    expect([first?.result, last?.result]).toEqual(['created', 'created']);
    expect(rest.map((r) => [r.result, r.code, r.field])).toEqual(
      poison.map((p) => ['rejected', 'invalid_text', p.field]),
    );
    expect(rest[0]?.reason).toMatch(/records\[1\]\.record\.item\.title: must not contain U\+0000/);
    expect(rest[1]?.reason).toMatch(/lone surrogate U\+D83D/);
    const held = await server.db.query<{ n: number }>('select count(*)::int as n from records');
    expect(held.rows[0]?.n).toBe(2);
  });

  it('rejects a revision beyond the integer column alone, as out_of_range', async () => {
    const big = makeFlag({ revision: 2 ** 31 });
    const fine = makeFlag({ revision: 2 ** 31 - 1 });
    const response = await postBatch(server.url, alice, [flagItem(big), flagItem(fine)]);
    expect(response.status).toBe(200);
    expect(response.body.results.map((r) => [r.result, r.code, r.field])).toEqual([
      ['rejected', 'out_of_range', 'revision'],
      ['created', undefined, undefined],
    ]);
    expect(response.body.results[0]?.revision).toBe(2 ** 31);
  });

  it('answers 400 instead of 500 to unsafe text on every other route', async () => {
    const history = await api<ErrorBody>(server.url, 'GET', '/v1/creators/shopvid/c%00x/history', {
      token: alice,
    });
    expect([history.status, history.body.error.code]).toEqual([400, 'validation_failed']);

    const action = {
      id: newUlid(),
      creator: { platform: 'shopvid', creatorId: 'creator-1' },
      action: 'warning',
      reason: `Repeated ${LONE_HIGH}`,
      at: '2026-11-01T00:00:00Z',
    };
    const enforcement = await api<ErrorBody>(server.url, 'POST', '/v1/enforcement-actions', {
      token: admin,
      json: action,
    });
    expect(enforcement.status).toBe(400);
    expect(enforcement.body.error.details).toMatchObject({
      issues: [{ path: 'reason', code: 'unsafe_text' }],
    });
    const yearZero = await api<ErrorBody>(server.url, 'POST', '/v1/enforcement-actions', {
      token: admin,
      json: { ...action, reason: 'ok', at: '0000-01-01T00:00:00Z' },
    });
    expect(yearZero.status).toBe(400);

    const pack = await api<ErrorBody>(server.url, 'PUT', '/v1/policy-pack', {
      token: admin,
      json: { version: '1', pack: { rules: [{ terms: ['ok', `whats${NUL}app`] }] } },
    });
    expect(pack.status).toBe(400);
    expect(pack.body.error.details).toMatchObject({
      issues: [{ path: 'pack.rules[0].terms[1]', code: 'unsafe_text' }],
    });
  });

  it('keeps answering per record after a batch full of poison', async () => {
    const records = Array.from({ length: 50 }, (_, i) =>
      flagItem(makeFlag(i % 2 ? { note: NUL } : {})),
    );
    const response = await api<BatchResponse>(server.url, 'POST', '/v1/batches', {
      token: alice,
      json: { records },
    });
    expect(response.status).toBe(200);
    expect(response.body.counts).toMatchObject({ created: 25, rejected: 25 });
  });
}, describe);
