/**
 * `npm run bench sync-firefox`: bench/sync-chromium.bench.ts in Firefox (Debian's
 * firefox-esr over WebDriver BiDi). 10,000 flags recorded through `flag.create` messages,
 * then "sync now" timed until the background's run ends with the outbox empty and the
 * endpoint (embedded PGlite on disk) holding every flag; the baseline, same browser and run,
 * sends the same flags one request per flag from an extension page to a fresh database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
import { FLAGS, type InPage, measureSync, REVIEWER } from './sync-rounds';

function measure(): Promise<Figure[]> {
  const names = {
    sync: `Firefox: "sync now", ${FLAGS} flags end to end, real extension (embedded PGlite on disk)`,
    record: `Firefox: record ${FLAGS} flags through flag.create messages (not in the figure above)`,
  };
  return measureSync('pglite', names, async (outbox) => {
    const firefox = await launchFirefoxWithExtension(await newFirefoxProfileDir());
    await configureEndpointInFirefox(firefox, {
      endpointUrl: outbox.server.url,
      token: outbox.token,
      reviewerId: REVIEWER,
    });
    const page = await firefox.openExtensionPage('options.html');
    // The page functions are compiled by tsx, which names inner functions with __name.
    await page.evaluate('globalThis.__name = (fn) => fn');
    const inPage: InPage = (fn, arg) => page.evaluate(fn as never, arg) as Promise<never>;
    const syncStatus = async (): Promise<SyncStatus> => {
      const answer = (await sendFromExtensionPage(page, 'sync.status', {})) as {
        ok: boolean;
        data: SyncStatus;
      };
      if (!answer.ok) throw new Error(`sync.status failed: ${JSON.stringify(answer)}`);
      return answer.data;
    };
    return { page: { inPage, syncStatus }, close: () => firefox.close() };
  });
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
