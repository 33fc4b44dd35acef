/**
 * Issue 17 item 3: three stateless instances on one PostgreSQL database behave as one
 * endpoint. Two reviewers' extensions sync at once through a chaos client that sends each
 * request to the next instance (as a round-robin load balancer would), answers some with
 * 503 without reaching any instance, and loses some answers after an instance stored the
 * batch. Meanwhile both reviewers race to create the same ids through different instances.
 * The database must end with exactly the expected records, each created once.
 */
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag } from '@/lib/background/store/flags-repo';
import { runSync } from '@/lib/background/sync/sync-engine';
import type { BatchResponse } from '@/lib/shared/protocol/batch';
import { issueToken } from '@/server/app';
import { ITEM } from '../unit/background/store/samples';
import { flagItem, makeFlag, postBatch } from './helpers';
import { type Instances, openInstances, SKIP_WITHOUT_POSTGRES } from './instances';

const INSTANCES = 3;
const FLAGS_PER_REVIEWER = 1_500;
const RACED_IDS = 40;
/** Flags are made and synced in waves, so each client sends many batches. */
const WAVES = 5;
const clock = () => new Date().toISOString();

/**
 * One client's connection to the instances: every 5th request answers 503 without
 * reaching one, and the answer to every 4th (from the 2nd) is lost after the instance
 * stored the batch, so the client sends it again, maybe to another instance. `created` counts, per id, every `created` any
 * instance answered, lost answers included: exactly one each means no id was created twice.
 */
function chaosClient(urls: readonly string[], created: Map<string, number>) {
  let requests = 0;
  const perInstance = urls.map(() => 0);
  const connection: typeof fetch = async (input, init) => {
    requests++;
    if (requests % 5 === 0)
      return new Response('{"error":{"code":"service_unavailable","message":"busy"}}', {
        status: 503,
        headers: { 'content-type': 'application/json' },
      });
    const target = requests % urls.length;
    perInstance[target] = (perInstance[target] ?? 0) + 1;
    const path = new URL(String(input)).pathname;
    const response = await fetch(`${urls[target]}${path}`, init);
    const text = await response.text();
    if (response.status === 200 && path === '/v1/batches')
      for (const result of (JSON.parse(text) as BatchResponse).results)
        if (result.result === 'created') created.set(result.id, (created.get(result.id) ?? 0) + 1);
    if (requests % 4 === 2) throw new TypeError('fetch failed: connection reset');
    return new Response(text, { status: response.status, headers: response.headers });
  };
  return { connection, perInstance, requests: () => requests };
}

async function syncUntilDone(db: FlagpostDb, token: string, connection: typeof fetch) {
  for (let run = 0; run < 200; run++) {
    const result = await runSync({
      db,
      config: { endpointUrl: 'http://load-balancer.invalid', token },
      clock,
      fetch: connection,
      random: () => 0,
    });
    if (result.outcome === 'done') return run + 1;
    expect(result.outcome).toBe('retry');
  }
  throw new Error('sync never finished');
}

if (SKIP_WITHOUT_POSTGRES) console.info(`[scale-out chaos] skipped: ${SKIP_WITHOUT_POSTGRES}`);

describe.skipIf(SKIP_WITHOUT_POSTGRES)('three instances on one PostgreSQL', () => {
  let instances: Instances;
  const reviewers = ['alice', 'bob'] as const;
  const tokens: Record<string, string> = {};
  const dbs: FlagpostDb[] = [];

  beforeAll(async () => {
    instances = await openInstances(INSTANCES);
    for (const reviewer of reviewers)
      tokens[reviewer] = (await issueToken(instances.admin, reviewer)).token;
  });
  afterAll(async () => {
    for (const db of dbs) {
      db.close();
      await Dexie.delete(db.name);
    }
    await instances?.close();
  });

  it('ends with exactly the expected records, each created once, one winner per raced id', async () => {
    const urls = instances.servers.map((s) => s.url);
    const created = new Map<string, number>();
    const expected = new Map<string, string>();
    const clients: { db: FlagpostDb; reviewer: string; client: ReturnType<typeof chaosClient> }[] =
      [];
    for (const reviewer of reviewers) {
      const db = new FlagpostDb(`flagpost-scale-${reviewer}-${Math.random()}`);
      await db.open();
      dbs.push(db);
      clients.push({ db, reviewer, client: chaosClient(urls, created) });
    }
    const wavesOf = async ({ db, reviewer, client }: (typeof clients)[number]) => {
      let runs = 0;
      for (let wave = 0; wave < WAVES; wave++) {
        for (let i = 0; i < FLAGS_PER_REVIEWER / WAVES; i++) {
          const flag = await createFlag(
            db,
            {
              item: { ...ITEM, itemId: `${reviewer}-item-${wave}-${i}` },
              policyId: 'counterfeit-goods',
              policyVersion: 'manual-1',
              severity: 'high',
              source: 'manual',
              status: 'confirmed',
              note: `scale ${reviewer} ${wave} ${i}`,
            },
            { reviewer, clock },
          );
          expected.set(flag.id, reviewer);
        }
        runs += await syncUntilDone(db, tokens[reviewer] ?? '', client.connection);
      }
      return runs;
    };

    // The same ids, created by alice through one instance and bob through another at once.
    const raced = Array.from({ length: RACED_IDS }, () => makeFlag().id);
    const race = reviewers.map((reviewer, r) =>
      postBatch(
        urls[r % urls.length] ?? '',
        tokens[reviewer] ?? '',
        raced.map((id) => flagItem(makeFlag({ id, reviewer }))),
      ),
    );

    const [runs, raceAnswers] = await Promise.all([
      Promise.all(clients.map(wavesOf)),
      Promise.all(race),
    ]);

    // Every raced id: one reviewer's created, the other's not_owner.
    for (const answer of raceAnswers) expect(answer.status).toBe(200);
    for (const [i, id] of raced.entries()) {
      const outcomes = raceAnswers.map((a) => a.body.results[i]?.result).sort();
      expect(outcomes, id).toEqual(['created', 'rejected']);
      const refusal = raceAnswers
        .map((a) => a.body.results[i])
        .find((r) => r?.result === 'rejected');
      expect(refusal).toMatchObject({ code: 'not_owner' });
      const winner = raceAnswers.findIndex((a) => a.body.results[i]?.result === 'created');
      expected.set(id, reviewers[winner] ?? '');
    }

    const held = await instances.admin.query<{ id: string; reviewer: string; revision: number }>(
      'select id, reviewer, revision from records',
    );
    expect(new Map(held.rows.map((r) => [r.id, r.reviewer]))).toEqual(expected);
    expect(held.rows.every((r) => Number(r.revision) === 1)).toBe(true);
    const revisions = await instances.admin.query<{ n: number }>(
      'select count(*)::int as n from record_revisions',
    );
    expect(revisions.rows[0]?.n).toBe(expected.size);
    const synced = [...expected.keys()].filter((id) => !raced.includes(id));
    expect(synced.length).toBe(reviewers.length * FLAGS_PER_REVIEWER);
    expect(synced.filter((id) => created.get(id) !== 1)).toEqual([]);
    for (const { db } of clients) expect(await db.outbox.count()).toBe(0);

    // The balancer really spread the batches: every instance served every client.
    for (const { client } of clients) expect(client.perInstance.every((n) => n > 0)).toBe(true);
    console.info(
      `[scale-out chaos] ${expected.size} records through ${INSTANCES} instances; runs ${runs.join(', ')}; requests per instance ${clients.map((c) => c.client.perInstance.join('/')).join(', ')}`,
    );
  }, 600_000);
});
