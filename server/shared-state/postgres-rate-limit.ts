/**
 * Token buckets in PostgreSQL (table rate_limit_buckets), shared by every instance on the
 * database. A take is one statement: the upsert holds the row's lock while it refills and
 * spends, so two instances taking the last request at once get one yes and one no.
 * Time is the database's, so instances with skewed clocks still agree.
 */
import type { Queryable } from '../db/database';
import {
  type RateDecision,
  type RateLimitOptions,
  type RateLimitStore,
  refusal,
} from './rate-limit-store';

/** Bucket `b` refilled up to now, given the parameters holding the burst and the rate. */
const refilled = (burst: string, perSecond: string) =>
  `least(${burst}::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.updated_at))::float8 * ${perSecond}::float8)`;
const REFILLED = refilled('$3', '$4');

const TAKE = `
  insert into rate_limit_buckets as b (scope, key, tokens, updated_at, allowed)
  values ($1, $2, $3::float8 - 1, clock_timestamp(), true)
  on conflict (scope, key) do update set
    tokens = case when ${REFILLED} >= 1 then ${REFILLED} - 1 else ${REFILLED} end,
    allowed = ${REFILLED} >= 1,
    updated_at = clock_timestamp()
  returning tokens, allowed`;

const CHECK = `
  select ${REFILLED} as tokens from rate_limit_buckets b where scope = $1 and key = $2`;

const SWEEP = `
  delete from rate_limit_buckets b where scope = $1 and ${refilled('$2', '$3')} >= $2::float8`;

export class PostgresRateLimitStore implements RateLimitStore {
  /**
   * @param scope what the keys are (`token`, `auth-failure`): one table holds every limit.
   */
  constructor(
    private readonly db: Queryable,
    private readonly scope: string,
    private readonly options: RateLimitOptions,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const { rows } = await this.db.query<{ tokens: number; allowed: boolean }>(TAKE, [
      this.scope,
      key,
      this.options.burst,
      this.options.perSecond,
    ]);
    const row = rows[0];
    if (!row) throw new Error('rate_limit_buckets: the upsert returned no row');
    return row.allowed ? { allowed: true } : refusal(Number(row.tokens), this.options);
  }

  async check(key: string): Promise<RateDecision> {
    const { rows } = await this.db.query<{ tokens: number }>(CHECK, [
      this.scope,
      key,
      this.options.burst,
      this.options.perSecond,
    ]);
    const tokens = rows[0] ? Number(rows[0].tokens) : this.options.burst;
    return tokens >= 1 ? { allowed: true } : refusal(tokens, this.options);
  }

  async sweep(): Promise<void> {
    await this.db.query(SWEEP, [this.scope, this.options.burst, this.options.perSecond]);
  }
}
