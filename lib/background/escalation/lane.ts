/**
 * The escalation lane: sends queued escalations at once, one pass at a time, outside the
 * outbox's schedule and backoff. A failed send waits 1 s doubling to 15 s (jittered); the
 * wait is stored on the row, so a worker stopped mid-wait resumes it when it starts again
 * (`kick()` on start, and an alarm as a backstop). The endpoint is idempotent by id and a
 * row is marked delivered only on its answer: a send cut short is sent again, never twice
 * stored. The snapshots an escalation cites are uploaded just before it.
 */
import type { FlagpostDb } from '@/lib/background/store/db';
import type { EscalationRow } from '@/lib/background/store/escalation-row';
import { uploadSnapshots } from '@/lib/background/sync/evidence-upload';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import type { Escalation } from '@/lib/shared/protocol/escalations';
import {
  dueEscalations,
  markDelivered,
  markRefused,
  markRetry,
  nextDueAt,
} from './escalations-repo';
import { escalationRetryDelay } from './retry';
import { sendEscalation } from './send-escalation';

export interface LaneOptions {
  db: FlagpostDb;
  /** The endpoint and token now; undefined while none is configured (rows stay queued). */
  config: () => Promise<EndpointConfig | undefined>;
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Told after every pass, e.g. to refresh the toolbar badge. */
  onChange?: () => void;
  /** A row was stored by the endpoint (for receipts). */
  onDelivered?: (row: EscalationRow, remote: Escalation) => void;
}

export interface EscalationLane {
  /** Send what is due now; resolves when this pass (or the one running) is done. */
  kick(): Promise<void>;
  /** Send every queued escalation now, waits or not: the outbox calls it before a batch. */
  flush(): Promise<void>;
  stop(): void;
}

export function createEscalationLane(options: LaneOptions): EscalationLane {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let running: Promise<void> | undefined;
  let again: 'due' | 'all' | undefined;
  let timer: unknown;
  let stopped = false;

  async function sendOne(config: EndpointConfig, row: EscalationRow): Promise<void> {
    const { id, flagId, category, reason, item, evidence, createdAt } = row;
    const http = { timeoutMs: options.timeoutMs, fetch: options.fetch };
    // Its snapshots first, so the endpoint never holds an escalation whose image it lacks
    // (one the endpoint will never take goes as its hash alone: evidence-upload.ts).
    const images = await uploadSnapshots(options.db, config, evidence, http);
    const outcome =
      images === undefined
        ? await sendEscalation(
            config,
            { id, flagId, category, reason, item, evidence, createdAt },
            http,
          )
        : images.kind === 'refused'
          ? images
          : { kind: 'retry' as const, reason: images.reason };
    if (outcome.kind === 'delivered') {
      await markDelivered(options.db, id, outcome.escalation, new Date(now()).toISOString());
      options.onDelivered?.(row, outcome.escalation);
    } else if (outcome.kind === 'refused') await markRefused(options.db, id, outcome.reason);
    else {
      const wait = escalationRetryDelay(row.attempts + 1, random());
      await markRetry(options.db, id, outcome.reason, now() + wait);
    }
  }

  async function pass(all: boolean): Promise<void> {
    const config = await options.config();
    if (!config) return;
    const rows = await dueEscalations(options.db, all ? Number.POSITIVE_INFINITY : now());
    // One at a time, oldest first: a handful at most, and the first escalated goes first.
    for (const row of rows) {
      if (stopped) return;
      await sendOne(config, row);
    }
  }

  async function schedule(): Promise<void> {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const due = await nextDueAt(options.db);
    if (due === undefined || stopped) return;
    timer = setTimer(
      () => {
        timer = undefined;
        void run('due');
      },
      Math.max(0, due - now()),
    );
  }

  function run(mode: 'due' | 'all'): Promise<void> {
    if (running) {
      if (again !== 'all') again = mode;
      return running;
    }
    running = (async () => {
      try {
        let next: 'due' | 'all' | undefined = mode;
        while (next && !stopped) {
          again = undefined;
          await pass(next === 'all');
          next = again;
        }
        await schedule();
      } catch (error) {
        console.warn('Flagpost escalation lane failed:', error);
      } finally {
        running = undefined;
        options.onChange?.();
      }
    })();
    return running;
  }

  return {
    kick: () => run('due'),
    flush: () => run('all'),
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimer(timer);
    },
  };
}
