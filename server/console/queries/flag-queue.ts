/**
 * The team's flag queue: live flags newest first, keyset paged on (created_at, id). A page
 * is found by an index-only scan of one of migration 007's covering indexes (the planner
 * picks the most selective filter's), then only its rows are read.
 */
import type { Flag } from '@/lib/shared/protocol/records';
import type { Queryable } from '../../db/database';
import { decodeCursor, encodeCursor, keysetTimeSql } from './cursor';
import { type FlagQueueInput, flagQueueInputSchema, parseInput } from './inputs';
import type { FlagQueueRow, Page } from './rows';
import { Where } from './sql';

export const FLAG_QUEUE_LIVE = "type = 'flag' and not deleted";

export function toQueueRow(flag: Flag): FlagQueueRow {
  const { item } = flag;
  return {
    id: flag.id,
    reviewer: flag.reviewer,
    createdAt: flag.createdAt,
    updatedAt: flag.updatedAt,
    policyId: flag.policyId,
    ruleId: flag.ruleId ?? null,
    severity: flag.severity,
    status: flag.status,
    market: item.market ?? null,
    platform: item.platform,
    kind: item.kind,
    itemId: item.itemId,
    url: item.url,
    creatorId: item.creatorId ?? null,
    creatorHandle: item.creatorHandle ?? null,
    title: item.title ?? null,
  };
}

/** The page's SQL and parameters (the benchmark explains and times it as it is). */
export function flagQueueSql(input: FlagQueueInput): { sql: string; params: unknown[] } {
  const f = parseInput(flagQueueInputSchema, input);
  const where = new Where(FLAG_QUEUE_LIVE)
    .add(f.policy, (p) => `policy_id = ${p}`)
    .add(f.market, (p) => `market = ${p}`)
    .add(f.severity, (p) => `severity = ${p}`)
    .add(f.status, (p) => `status = ${p}`)
    .add(f.reviewer, (p) => `reviewer = ${p}`)
    .add(f.creator?.platform, (p) => `platform = ${p}`)
    .add(f.creator?.creatorId, (p) => `creator_id = ${p}`)
    .add(f.from, (p) => `created_at >= ${p}::timestamptz`)
    .add(f.to, (p) => `created_at < ${p}::timestamptz`);
  if (f.cursor) {
    const { at, id } = decodeCursor(f.cursor);
    const t = where.param(at);
    const i = where.param(id);
    where.clause(`(created_at, id) < (${t}::timestamptz, ${i})`);
  }
  const limit = where.param(f.limit + 1);
  return {
    sql: `with page as (
       select id, created_at from records ${where.sql}
        order by created_at desc, id desc limit ${limit}
     )
     select r.body, ${keysetTimeSql('p.created_at')} as at
       from page p join records r on r.id = p.id
      order by p.created_at desc, p.id desc`,
    params: where.params,
  };
}

export async function flagQueue(db: Queryable, input: FlagQueueInput): Promise<Page<FlagQueueRow>> {
  const limit = parseInput(flagQueueInputSchema, input).limit;
  const { sql, params } = flagQueueSql(input);
  const { rows } = await db.query<{ body: Flag; at: string }>(sql, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((row) => toQueueRow(row.body)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.at, id: last.body.id }) : null,
  };
}
