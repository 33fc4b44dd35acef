/**
 * Metrics per policy, market and UTC day, and per reviewer. The first reads the
 * console_policy_days rollup (migration 007); the second reads the decisions themselves
 * from the covering time index, because a median does not roll up.
 */
import type { Market } from '@/lib/shared/protocol/records';
import type { Queryable } from '../../db/database';
import {
  type PolicyMarketMetricsInput,
  parseInput,
  policyMarketMetricsInputSchema,
  type ReviewerMetricsInput,
  reviewerMetricsInputSchema,
} from './inputs';
import type { PolicyMarketDayRow, ReviewerMetricsRow } from './rows';
import { num, Where } from './sql';

interface CountsRow {
  flags: string;
  suggested: string;
  confirmed: string;
  dismissed: string;
}

const counts = (row: CountsRow) => ({
  flags: num(row.flags),
  suggested: num(row.suggested),
  confirmed: num(row.confirmed),
  dismissed: num(row.dismissed),
});

/**
 * Whole UTC days: from the day `from` falls on to the day of the last instant before `to`.
 * Rows are by day, then policy, then market (no market last).
 */
export async function policyMarketMetrics(
  db: Queryable,
  input: PolicyMarketMetricsInput,
): Promise<PolicyMarketDayRow[]> {
  const f = parseInput(policyMarketMetricsInputSchema, input);
  const where = new Where('flags > 0')
    .add(f.from, (p) => `day >= console_day(${p}::timestamptz)`)
    .add(f.to, (p) => `day <= console_day(${p}::timestamptz - interval '1 microsecond')`)
    .add(f.policy, (p) => `policy_id = ${p}`)
    .add(f.market, (p) => `market = ${p}`);
  const { rows } = await db.query<CountsRow & { day: string; policy_id: string; market: string }>(
    `select to_char(day, 'YYYY-MM-DD') as day, policy_id, market,
            flags, suggested, confirmed, dismissed
       from console_policy_days ${where.sql}
      order by day, policy_id, market = '', market`,
    where.params,
  );
  return rows.map((row) => ({
    day: row.day,
    policyId: row.policy_id,
    market: row.market === '' ? null : (row.market as Market),
    ...counts(row),
  }));
}

/**
 * Per reviewer, for the flags created in the range; by reviewer. One index-only range scan
 * of records_console_reviewer per reviewer (found by a skip scan of the same index), so
 * each median sorts one reviewer's decisions in memory instead of all of them on disk.
 */
export async function reviewerMetrics(
  db: Queryable,
  input: ReviewerMetricsInput,
): Promise<ReviewerMetricsRow[]> {
  const f = parseInput(reviewerMetricsInputSchema, input);
  const where = new Where("type = 'flag' and not deleted", 'reviewer = s.reviewer')
    .add(f.from, (p) => `created_at >= ${p}::timestamptz`)
    .add(f.to, (p) => `created_at < ${p}::timestamptz`)
    .add(f.policy, (p) => `policy_id = ${p}`)
    .add(f.market, (p) => `market = ${p}`);
  const live = "r.type = 'flag' and not r.deleted";
  const { rows } = await db.query<CountsRow & { reviewer: string; median: number | null }>(
    `with recursive reviewers(reviewer) as (
       (select r.reviewer from records r where ${live} order by r.reviewer limit 1)
       union all
       select (select r.reviewer from records r where ${live} and r.reviewer > s.reviewer
                order by r.reviewer limit 1)
         from reviewers s where s.reviewer is not null
     )
     select s.reviewer, m.* from reviewers s cross join lateral (
       select count(*) as flags,
              count(*) filter (where status = 'suggested') as suggested,
              count(*) filter (where status = 'confirmed') as confirmed,
              count(*) filter (where status = 'dismissed') as dismissed,
              percentile_cont(0.5) within group (order by decision_seconds) as median
         from records ${where.sql}
     ) as m
     where s.reviewer is not null and m.flags > 0
     order by s.reviewer`,
    where.params,
  );
  return rows.map((row) => ({
    reviewer: row.reviewer,
    ...counts(row),
    medianDecisionSeconds: row.median === null ? null : Number(row.median),
  }));
}
