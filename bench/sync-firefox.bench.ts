/**
 * `npm run bench sync-firefox`: bench/sync-chromium.bench.ts in Firefox (Debian's
 * firefox-esr over WebDriver BiDi). 10,000 flags recorded through `flag.create` messages,
 * then "sync now" timed until the background's run ends with the outbox empty and the
 * endpoint (embedded PGlite on disk) holding every flag; the baseline, same browser and run,
 * sends the same flags one request per flag from an extension page to a fresh database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { type BatchItem, batchItemSchema } from '@/lib/shared/protocol/batch';
import { findBrowser } from '../scripts/setup/probe';
import type { SyncStatus } from '../tests/e2e/support/extension-pages';
import { sendFromExtensionPage } from '../tests/e2e-firefox/support/dom';
import { configureEndpointInFirefox } from '../tests/e2e-firefox/support/extension-pages';
import {
  FIREFOX_EXTENSION_DIR,
  launchFirefoxWithExtension,
  newFirefoxProfileDir,
} from '../tests/e2e-firefox/support/firefox';
import type { Bench, Figure } from './harness';
import { freshEndpoint, until } from './sync-chromium.bench';
import {
  createFlagsByMessage,
  holdSyncLock,
  outboxCount,
  readFlags,
  sendOneByOne,
  timeSyncNow,
} from './sync-chromium-page';

const FLAGS = Number(process.env.SYNC_BENCH_FLAGS ?? 10_000);
const WARM_UP = 100;
const REVIEWER = 'bench-reviewer';

async function syncStatus(page: Page): Promise<SyncStatus> {
  const answer = (await sendFromExtensionPage(page, 'sync.status', {})) as {
    ok: boolean;
    data: SyncStatus;
  };
  if (!answer.ok) throw new Error(`sync.status failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

async function wireForm(page: Page, ids: string[]): Promise<BatchItem[]> {
  const stored = await page.evaluate(readFlags, ids);
  return stored.map((record) => batchItemSchema.parse({ type: 'flag', record }));
}

async function measure(): Promise<Figure[]> {
  const outbox = await freshEndpoint('pglite');
  const single = await freshEndpoint('pglite');
  const firefox = await launchFirefoxWithExtension(await newFirefoxProfileDir());
  try {
    await configureEndpointInFirefox(firefox, {
      endpointUrl: outbox.server.url,
      token: outbox.token,
      reviewerId: REVIEWER,
    });
    const page = await firefox.openExtensionPage('options.html');
    // The page functions are compiled by tsx, which names inner functions with __name.
    await page.evaluate('globalThis.__name = (fn) => fn');

    const warm = await page.evaluate(createFlagsByMessage, { from: 0, count: WARM_UP });
    await until('the warm-up sync', async () => (await outbox.count()) === WARM_UP);
    await until('an idle runner', async () => !(await syncStatus(page)).running);
    await page.evaluate(sendOneByOne, {
      url: single.server.url,
      token: single.token,
      items: await wireForm(page, warm.ids),
    });

    await page.evaluate(holdSyncLock);
    const created = await page.evaluate(createFlagsByMessage, { from: WARM_UP, count: FLAGS });
    const items = await wireForm(page, created.ids);
    if ((await page.evaluate(outboxCount)) !== FLAGS) throw new Error('outbox not as seeded');

    const syncMs = await page.evaluate(timeSyncNow);
    const [left, held, status] = await Promise.all([
      page.evaluate(outboxCount),
      outbox.count(),
      syncStatus(page),
    ]);
    if (left !== 0 || held !== WARM_UP + FLAGS || status.rejected !== 0 || status.lastError)
      throw new Error(
        `sync did not deliver everything: ${left} queued, endpoint holds ${held}, ${JSON.stringify(status)}`,
      );
    const singleMs = await page.evaluate(sendOneByOne, {
      url: single.server.url,
      token: single.token,
      items,
    });
    if ((await single.count()) !== WARM_UP + FLAGS) throw new Error('baseline lost flags');

    const perSecond = (ms: number) => FLAGS / (ms / 1000);
    return [
      {
        name: `Firefox: "sync now", ${FLAGS} flags end to end, real extension (embedded PGlite on disk)`,
        value: perSecond(syncMs),
        unit: 'flags/s',
        baseline: {
          name: 'one request per flag from an extension page, same flags, fresh database',
          value: perSecond(singleMs),
        },
        higherIsBetter: true,
        goal: { ratio: 20, text: 'at least 20x the per-flag rate' },
        note: `${(syncMs / 1000).toFixed(1)} s vs ${(singleMs / 1000).toFixed(1)} s; sequential HTTP on 127.0.0.1, endpoint in the bench process`,
      },
      {
        name: `Firefox: record ${FLAGS} flags through flag.create messages (not in the figure above)`,
        value: created.ms,
        unit: 'ms',
        higherIsBetter: false,
      },
    ];
  } finally {
    await firefox.close();
    await outbox.close();
    await single.close();
  }
}

const bench: Bench = {
  name: 'Sync in real Firefox (extension outbox to endpoint)',
  skip: () => {
    if (!findBrowser('firefox').path) return 'no Firefox (set FIREFOX_PATH or install firefox-esr)';
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      return `no Firefox build in ${FIREFOX_EXTENSION_DIR}: run npm run build:firefox`;
    return undefined;
  },
  run: measure,
};

export default bench;
