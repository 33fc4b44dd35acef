/**
 * Runs sync in the background, one run at a time: extension pages only ask for it (the
 * `sync.now` message), so several open pages never sync concurrently. Requests that arrive
 * during a run make it go round once more. Waits between retries are alarms, so they
 * survive the service worker being stopped. While the endpoint is down, a watch
 * (endpoint-watch.ts) notices its return and sends at once instead of waiting out the
 * backoff; so does any other sign that it is back (`endpointBack`, e.g. a passing
 * connection test).
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '@/lib/background/settings/settings';
import { systemClock } from '@/lib/background/store/clock';
import { readSecret } from '@/lib/background/store/secrets-repo';
import { IDLE_RUNNER, type RunnerEvent, stepRunner } from '@/lib/background/sync/runner-machine';
import { runSync, type SyncProgress } from '@/lib/background/sync/sync-engine';
import { database } from './database';
import { createEndpointWatch } from './endpoint-watch';

export const PERIODIC_ALARM = 'flagpost-sync-periodic';
export const RETRY_ALARM = 'flagpost-sync-retry';
const SOON_MS = 1_000;
const CLIENT_TIMEOUT_MS = 15_000;

export interface SyncRunner {
  request(): Promise<void>;
  /** After a local write: sync shortly, once for a burst of writes. */
  soon(): void;
  running(): boolean;
  progress(): SyncProgress | undefined;
  /** The endpoint answered again: when a retry waits, send now instead. */
  endpointBack(): void;
}

async function withSyncLock<T>(run: () => Promise<T>): Promise<T> {
  // Web Locks also hold across contexts of this extension, should one ever run sync too.
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return (await locks.request('flagpost-sync', run)) as T;
  return run();
}

export interface SyncRunnerOptions {
  /** Runs before every sync run: the escalation lane sends what it holds ahead of any batch. */
  beforeBatches?: () => Promise<void>;
}

export function createSyncRunner(options: SyncRunnerOptions = {}): SyncRunner {
  /** Idle or running (asked again meanwhile?), and whether a retry waits: runner-machine.ts. */
  let state = IDLE_RUNNER;
  const step = (event: RunnerEvent) => {
    const next = stepRunner(state, event);
    state = next.state;
    return next.effects;
  };
  let current: Promise<void> | undefined;
  let progress: SyncProgress | undefined;
  let soonTimer: ReturnType<typeof setTimeout> | undefined;
  const watch = createEndpointWatch({
    fetch: (...args) => fetch(...args),
    onBack: () => endpointBack(),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });

  /** One pass: whether it left a retry waiting; undefined when it could not sync at all. */
  async function runOnce(): Promise<boolean | undefined> {
    const db = await database();
    const settings = await loadSettings();
    const token = await readSecret(db, 'endpointToken');
    if (!settings.endpointUrl || !token) return undefined; // flags stay queued until configured
    await options.beforeBatches?.();
    const result = await runSync({
      db,
      config: { endpointUrl: settings.endpointUrl, token },
      clock: systemClock,
      timeoutMs: CLIENT_TIMEOUT_MS,
      onProgress: (next) => {
        progress = next;
      },
    });
    if (result.outcome === 'retry') {
      await browser.alarms.create(RETRY_ALARM, { when: Date.now() + result.retryInMs });
      void watch.afterFailure(settings.endpointUrl);
    } else await browser.alarms.clear(RETRY_ALARM);
    return result.outcome === 'retry';
  }

  function endpointBack() {
    if (step({ type: 'endpoint-back' }).includes('retry-now'))
      void browser.alarms.clear(RETRY_ALARM).then(() => request());
  }

  function request(): Promise<void> {
    // Running already: it goes round once more.
    if (!step({ type: 'request' }).includes('start') && current) return current;
    watch.stop();
    current = (async () => {
      try {
        for (;;) {
          const retry = await withSyncLock(runOnce);
          if (!step({ type: 'pass-ended', retry }).includes('pass-again')) break;
        }
      } catch (error) {
        step({ type: 'failed' });
        console.warn('Flagpost sync failed:', error);
      } finally {
        current = undefined;
        progress = undefined;
      }
    })();
    return current;
  }

  return {
    request,
    soon() {
      if (soonTimer) clearTimeout(soonTimer);
      soonTimer = setTimeout(() => {
        soonTimer = undefined;
        void request();
      }, SOON_MS);
    },
    running: () => current !== undefined,
    progress: () => progress,
    endpointBack,
  };
}

export async function schedulePeriodicSync(): Promise<void> {
  const { syncIntervalMinutes } = await loadSettings();
  const existing = await browser.alarms.get(PERIODIC_ALARM);
  if (existing?.periodInMinutes === syncIntervalMinutes) return;
  await browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: syncIntervalMinutes });
}
