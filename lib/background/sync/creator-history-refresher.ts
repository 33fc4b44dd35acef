/**
 * Keeps cached creator histories fresh without ever making a caller wait for the network
 * unless it asks to: a feed's 500 creators queue up and are fetched a few at a time; a
 * creator already being fetched is not fetched twice; after a failure (offline, endpoint
 * down) that creator is left alone for a while instead of being retried on every scroll.
 */

import type { Clock } from '@/lib/background/store/clock';
import { staleHistoryKeys } from '@/lib/background/store/creator-history-repo';
import type { FlagpostDb } from '@/lib/background/store/db';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import { creatorKey } from '@/lib/shared/protocol/records';
import { type HistoryOutcome, refreshCreatorHistory } from './creator-history';
import type { EndpointConfig } from './transport';

export interface RefresherOptions {
  db: () => Promise<FlagpostDb>;
  /** The endpoint and token now, or undefined while sync is not configured. */
  config: () => Promise<EndpointConfig | undefined>;
  clock: Clock;
  /** A cached history older than this is refreshed when its creator appears. */
  maxAgeMs?: number;
  /** After a failed fetch, leave that creator alone this long. */
  backoffMs?: number;
  concurrency?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Called when a creator's fetch ends, fetched or not (the chips waiting on it redraw). */
  onSettled?: (ref: CreatorRef) => void;
}

export interface HistoryRefresher {
  /** Queue fetches for the creators whose cache is stale; returns at once. */
  refreshStale(refs: readonly CreatorRef[]): Promise<void>;
  /** Fetch one creator now (joining a fetch already running). */
  refreshNow(ref: CreatorRef): Promise<HistoryOutcome | { kind: 'not-configured' }>;
  lastError(key: string): string | undefined;
  /** Whether the creator's history is queued or being fetched now. */
  pending(key: string): boolean;
  /** Resolves when the queue is empty (for tests and benchmarks). */
  idle(): Promise<void>;
}

export const HISTORY_MAX_AGE_MS = 15 * 60_000;

export function createHistoryRefresher(options: RefresherOptions): HistoryRefresher {
  const maxAgeMs = options.maxAgeMs ?? HISTORY_MAX_AGE_MS;
  const backoffMs = options.backoffMs ?? 5 * 60_000;
  const concurrency = options.concurrency ?? 4;
  const inFlight = new Map<string, Promise<HistoryOutcome | { kind: 'not-configured' }>>();
  const failedAt = new Map<string, { at: number; reason: string }>();
  const queue: CreatorRef[] = [];
  const queued = new Set<string>();
  let workers = 0;
  let idleWaiters: Array<() => void> = [];

  function fetchOne(ref: CreatorRef) {
    const key = creatorKey(ref);
    const running = inFlight.get(key);
    if (running) return running;
    const job = (async () => {
      const config = await options.config();
      if (!config) return { kind: 'not-configured' as const };
      const outcome = await refreshCreatorHistory(await options.db(), config, ref, {
        timeoutMs: options.timeoutMs ?? 10_000,
        clock: options.clock,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (outcome.kind === 'failed') failedAt.set(key, { at: Date.now(), reason: outcome.reason });
      else failedAt.delete(key);
      return outcome;
    })().finally(() => {
      inFlight.delete(key);
      options.onSettled?.(ref);
    });
    inFlight.set(key, job);
    return job;
  }

  async function work() {
    workers++;
    try {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        queued.delete(creatorKey(ref));
        await fetchOne(ref).catch(() => undefined);
      }
    } finally {
      workers--;
      if (workers === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  }

  const coolingDown = (key: string) => {
    const failure = failedAt.get(key);
    return failure !== undefined && Date.now() - failure.at < backoffMs;
  };

  return {
    async refreshStale(refs) {
      if (!(await options.config())) return;
      const byKey = new Map(refs.map((ref) => [creatorKey(ref), ref]));
      const now = Date.parse(options.clock());
      const stale = await staleHistoryKeys(await options.db(), [...byKey.keys()], now, maxAgeMs);
      for (const key of stale) {
        const ref = byKey.get(key);
        if (!ref || queued.has(key) || inFlight.has(key) || coolingDown(key)) continue;
        queued.add(key);
        queue.push(ref);
      }
      while (workers < concurrency && queue.length > 0) void work();
    },
    refreshNow: fetchOne,
    lastError: (key) => failedAt.get(key)?.reason,
    pending: (key) => queued.has(key) || inFlight.has(key),
    idle: () =>
      workers === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
  };
}
