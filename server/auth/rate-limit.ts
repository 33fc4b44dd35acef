/**
 * A token bucket per key (a bearer token, a client address): `burst` requests at once,
 * refilled at `perSecond`. In memory, which is right for one endpoint process; instances
 * sharing a PostgreSQL database use the shared stores in server/shared-state instead.
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string): RateDecision {
    const bucket = this.#refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return this.#refusal(bucket);
  }

  /** Whether `take` would allow `key` now, without spending anything. */
  check(key: string): RateDecision {
    const bucket = this.#refilled(key);
    return bucket.tokens >= 1 ? { allowed: true } : this.#refusal(bucket);
  }

  #refilled(key: string): Bucket {
    const now = this.now();
    const { perSecond, burst } = this.options;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, updatedAt: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }

  #refusal(bucket: Bucket): RateDecision {
    const waitSeconds = (1 - bucket.tokens) / this.options.perSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }

  /** Forgets full buckets, so a long-running server does not keep one per token forever. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.#buckets) {
      const refilled = bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.perSecond;
      if (refilled >= this.options.burst) this.#buckets.delete(key);
    }
  }
}
