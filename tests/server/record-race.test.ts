/**
 * Issue 15, item 7: two reviewers creating the same record id at once were both told
 * `created` on PostgreSQL, because ingest locked per reviewer and an id not yet stored has
 * no row to lock. On PostgreSQL the test makes the race certain instead of likely: it holds
 * a lock on `record_revisions` (which every accepting batch writes) until both batches wait
 * in the database, then lets them go. Before the fix both had judged the id absent by then;
 * with a lock per record id the second waits for the first and sees its row. PGlite runs
 * one transaction at a time, so there the two requests are simply sent together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResponse } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import type { Database } from '@/server/db/database';
import {
  type ApiResponse,
  type Backend,
  flagItem,
  forEachBackend,
  makeFlag,
  postBatch,
} from './helpers';

/** Polls `check` until it holds; a state to reach, not a duration to measure. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** Sessions waiting for the table lock this test holds, or for the lock of one of `ids`. */
async function waitersFor(db: Database, ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l
      where not l.granted and (
        (l.locktype = 'relation' and l.relation = 'record_revisions'::regclass)
        or (l.locktype = 'advisory'
            and ((l.classid::bigint << 32) | l.objid::bigint) in (
              select hashtextextended('records:' || id, 0)
                from jsonb_array_elements_text($1::jsonb) as ids(id))))`,
    [JSON.stringify(ids)],
  );
  return rows[0]?.n ?? 0;
}

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let db: Database;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    dispose = opened.dispose;
    server = await startServer({ database: db });
    for (const reviewer of ['alice', 'bob', 'carol'])
      tokens[reviewer] = (await issueToken(db, reviewer)).token;
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  /**
   * Sends two batches at once, one per reviewer, each creating the ids (the second in the
   * reverse order); resolves with the answers. Two requests, the held lock and the polling
   * query use the four connections of the test pool.
   */
  async function createAtOnce(ids: string[], reviewers: [string, string]) {
    const batchOf = (reviewer: string, order: string[]) =>
      order.map((id) => flagItem(makeFlag({ id, reviewer, revision: 2, note: `by ${reviewer}` })));
    const send = () =>
      Promise.all([
        postBatch(server.url, tokens[reviewers[0]] ?? '', batchOf(reviewers[0], ids)),
        postBatch(
          server.url,
          tokens[reviewers[1]] ?? '',
          batchOf(reviewers[1], [...ids].reverse()),
        ),
      ]);
    if (db.kind === 'pglite') return send();
    let sending: Promise<ApiResponse<BatchResponse>[]> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('lock table record_revisions in share mode');
      sending = send();
      await until('both batches wait', async () => (await waitersFor(db, ids)) === 2);
    });
    if (!sending) throw new Error('nothing sent');
    return sending;
  }

  it('tells exactly one of two reviewers creating one id at once that it was created', async () => {
    const id = newUlid();
    const answers = await createAtOnce([id], ['alice', 'bob']);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const results = answers.map((a) => a.body.results[0]);
    expect(results.filter((r) => r?.result === 'created')).toHaveLength(1);
    const loser = results.find((r) => r?.result !== 'created');
    expect(loser).toMatchObject({ result: 'rejected', code: 'not_owner' });

    const winner = ['alice', 'bob'][results.findIndex((r) => r?.result === 'created')];
    const stored = await db.query<{ reviewer: string; note: string }>(
      "select reviewer, body->>'note' as note from records where id = $1",
      [id],
    );
    expect(stored.rows).toEqual([{ reviewer: winner, note: `by ${winner}` }]);
    const revisions = await db.query<{ reviewer: string }>(
      'select reviewer from record_revisions where id = $1',
      [id],
    );
    expect(revisions.rows).toEqual([{ reviewer: winner }]);
  });

  it('holds for batches sharing several ids in opposite orders, without deadlock', async () => {
    const ids = [newUlid(), newUlid(), newUlid()];
    const [first, second] = await createAtOnce(ids, ['bob', 'carol']);
    // The second batch lists the ids reversed: answers for one id are first[i], second[2 - i].
    ids.forEach((id, i) => {
      const pair = [first?.body.results[i], second?.body.results[2 - i]];
      expect(pair.every((r) => r?.id === id)).toBe(true);
      expect(pair.map((r) => r?.result).sort()).toEqual(['created', 'rejected']);
    });
    const { rows } = await db.query<{ n: number }>(
      'select count(*)::int as n from records where id in ($1, $2, $3)',
      ids,
    );
    expect(rows[0]?.n).toBe(3);
  });
}, describe);
