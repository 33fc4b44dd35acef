/**
 * What an endpoint instance keeps besides its database rows: rate-limit buckets and the
 * live-update bus. Chosen by where the instance runs:
 * - embedded database (PGlite, one process): in memory;
 * - PostgreSQL: in PostgreSQL (rate_limit_buckets, LISTEN/NOTIFY), so any number of
 *   stateless instances on one database act as one endpoint;
 * - PostgreSQL and `redisUrl`: rate limits in Redis (no write per request on the
 *   database), live updates still over LISTEN/NOTIFY.
 * Token revocation needs nothing here: every request looks its token up in the `tokens`
 * table, so a revocation through any instance (or the CLI) holds on all at once.
 */
import type { Database } from '../db/database';
import { acquireEventBus, type EventBus, MemoryEventBus } from './event-bus';
import { PostgresEventBus } from './postgres-event-bus';
import { PostgresRateLimitStore } from './postgres-rate-limit';
import {
  MemoryRateLimitStore,
  type RateLimitOptions,
  type RateLimitStore,
} from './rate-limit-store';

export interface SharedStateOptions {
  db: Database;
  /** Per-token limit; false turns it off. */
  rateLimit: RateLimitOptions | false;
  /** Failed authentications per client address; false turns it off. */
  authFailureLimit: RateLimitOptions | false;
  /** `redis://...`: keep rate limits in Redis. */
  redisUrl?: string;
  /** Prefix of every Redis key (default `flagpost:`): keeps endpoints sharing a Redis apart. */
  redisKeyPrefix?: string;
  onError: (error: unknown) => void;
}

export interface SharedState {
  /** Where the state lives, for the log line at start. */
  kind: 'memory' | 'postgres' | 'redis';
  limiter: RateLimitStore | undefined;
  authFailures: RateLimitStore | undefined;
  events: EventBus;
  /** Forgets full buckets; called once a minute. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export async function openSharedState(options: SharedStateOptions): Promise<SharedState> {
  const { db } = options;
  const notifications = db.notifications;
  const held = await acquireEventBus(db, async () =>
    notifications
      ? PostgresEventBus.open(db, notifications, options.onError)
      : new MemoryEventBus(),
  );
  try {
    const limits = await openLimits(options);
    const stores = [limits.limiter, limits.authFailures].filter((s) => s !== undefined);
    return {
      ...limits,
      events: held.bus,
      async sweep() {
        await Promise.all(stores.map((store) => store.sweep()));
      },
      async close() {
        await limits.close();
        await held.release();
      },
    };
  } catch (error) {
    await held.release();
    throw error;
  }
}

async function openLimits(options: SharedStateOptions) {
  const { db, rateLimit, authFailureLimit } = options;
  if (options.redisUrl) {
    const { openRedisLimits } = await import('./redis-rate-limit');
    return { kind: 'redis' as const, ...(await openRedisLimits(options.redisUrl, options)) };
  }
  if (db.kind === 'postgres') {
    return {
      kind: 'postgres' as const,
      limiter: rateLimit ? new PostgresRateLimitStore(db, 'token', rateLimit) : undefined,
      authFailures: authFailureLimit
        ? new PostgresRateLimitStore(db, 'auth-failure', authFailureLimit)
        : undefined,
      close: async () => {},
    };
  }
  return {
    kind: 'memory' as const,
    limiter: rateLimit ? new MemoryRateLimitStore(rateLimit) : undefined,
    authFailures: authFailureLimit ? new MemoryRateLimitStore(authFailureLimit) : undefined,
    close: async () => {},
  };
}
