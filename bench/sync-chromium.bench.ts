/**
 * `npm run bench sync-chromium`: the real extension delivering 10,000 flags end to end. The
 * built extension runs in Chromium; its flags are recorded through `flag.create` messages
 * (flag and outbox entry in one strict transaction, as a reviewer's page records them); the
 * real endpoint runs on embedded PGlite on disk (as `npm run server` does), and on
 * PostgreSQL too when DATABASE_URL is set. "Sync now" is timed from the message until the
 * background's run ends with the outbox empty and the endpoint holding every flag; the
 * baseline, same browser and run, sends the very same flags one request per flag from an
 * extension page to a fresh database of the same kind. bench/sync.bench.ts measures the
 * same engine in Node on fake-indexeddb; this measures the browser's real client cost.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXTENSION_DIR,
  findChromium,
  launchWithExtension,
  newProfileDir,
} from '../tests/e2e/support/chromium';
import { configureEndpoint, syncStatus } from '../tests/e2e/support/extension-pages';
import type { Bench, Figure } from './harness';
import { FLAGS, type InPage, measureSync, REVIEWER } from './sync-rounds';

/** Others may rebuild .output while this runs: FLAGPOST_EXTENSION_DIR points at a copy. */
const extensionDir = process.env.FLAGPOST_EXTENSION_DIR ?? EXTENSION_DIR;

function measure(kind: 'pglite' | 'postgres', label: string): Promise<Figure[]> {
  const names = {
    sync: `"sync now", ${FLAGS} flags end to end, real Chromium extension (${label})`,
    record: `record ${FLAGS} flags through flag.create messages (not in the figure above)`,
    recordNote:
      'flag, outbox entry and sync row in one strict-durability transaction each; 4 messages in flight',
  };
  return measureSync(kind, names, async (outbox) => {
    const { context, extensionId } = await launchWithExtension(await newProfileDir(), {
      extensionDir,
    });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate('globalThis.__name = (fn) => fn');
    await configureEndpoint(context, extensionId, {
      endpointUrl: outbox.server.url,
      token: outbox.token,
      reviewerId: REVIEWER,
    });
    const inPage: InPage = (fn, arg) => page.evaluate(fn as never, arg) as Promise<never>;
    return { page: { inPage, syncStatus: () => syncStatus(page) }, close: () => context.close() };
  });
}

const bench: Bench = {
  name: 'Sync in real Chromium (extension outbox to endpoint)',
  skip: () => {
    if (!findChromium()) return 'no Chromium (set CHROME_PATH or install chromium)';
    if (!existsSync(join(extensionDir, 'manifest.json')))
      return `no built extension in ${extensionDir}: run npm run build`;
    return undefined;
  },
  async run() {
    const figures = await measure('pglite', 'embedded PGlite on disk');
    if (process.env.DATABASE_URL) figures.push(...(await measure('postgres', 'PostgreSQL')));
    else console.log('  PostgreSQL variant skipped: DATABASE_URL is unset.');
    return figures;
  },
};

export default bench;
