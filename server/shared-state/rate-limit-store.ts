/**
 * Where token buckets live. One endpoint process can keep them in memory; several
 * instances behind a load balancer must share them (PostgreSQL or Redis), or each would
 * allow the full rate and a client could multiply its limit by spreading requests.
 */
import { type RateDecision, type RateLimitOptions, TokenBucketLimiter } from '../auth/rate-limit';

export type { RateDecision, RateLimitOptions };

export interface RateLimitStore {
  /** Spends one request of `key`'s bucket when it has one. */
  take(key: string): Promise<RateDecision>;
  /** Whether `take` would allow `key` now, without spending anything. */
  check(key: string): Promise<RateDecision>;
  /** Forgets full buckets, so a long-running endpoint does not keep one per key forever. */
  sweep(): Promise<void>;
}

/** The wait until a bucket holding `tokens` has one whole request again. */
export function refusal(tokens: number, options: RateLimitOptions): RateDecision {
  const waitSeconds = (1 - tokens) / options.perSecond;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
}

/** In-process buckets: right for the embedded database, which allows one process anyway. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #limiter: TokenBucketLimiter;

  constructor(options: RateLimitOptions, now?: () => number) {
    this.#limiter = new TokenBucketLimiter(options, now);
  }

  async take(key: string) {
    return this.#limiter.take(key);
  }

  async check(key: string) {
    return this.#limiter.check(key);
  }

  async sweep() {
    this.#limiter.sweep();
  }
}
