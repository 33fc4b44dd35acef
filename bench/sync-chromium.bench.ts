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
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type BatchItem, batchItemSchema } from '@/lib/shared/protocol/batch';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { type DatabaseOptions, openDatabase } from '@/server/db/database';
import {
  EXTENSION_DIR,
  findChromium,
  launchWithExtension,
  newProfileDir,
} from '../tests/e2e/support/chromium';
import { configureEndpoint, syncStatus } from '../tests/e2e/support/extension-pages';
import type { Bench, Figure } from './harness';
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
/** Others may rebuild .output while this runs: FLAGPOST_EXTENSION_DIR points at a copy. */
const extensionDir = process.env.FLAGPOST_EXTENSION_DIR ?? EXTENSION_DIR;

interface Endpoint {
  server: RunningServer;
  token: string;
  count(): Promise<number>;
  close(): Promise<void>;
}

export async function freshEndpoint(kind: 'pglite' | 'postgres'): Promise<Endpoint> {
  const url = process.env.DATABASE_URL ?? '';
  const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'flagpost-sync-bench-')) : '';
  const schema = `flagpost_bench_${randomBytes(4).toString('hex')}`;
  const options: DatabaseOptions =
    kind === 'pglite' ? { kind, dataDir: join(dir, 'db') } : { kind, url, schema };
  const db = await openDatabase(options);
  const server = await startServer({ database: db, rateLimit: false, logger: false });
  const { token } = await issueToken(db, REVIEWER);
  return {
    server,
    token,
    async count() {
      const { rows } = await db.query<{ n: number }>('select count(*)::int as n from records');
      return Number(rows[0]?.n);
    },
    async close() {
      await server.close();
      if (kind === 'postgres') await db.query(`drop schema if exists "${schema}" cascade`);
      await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The stored flags in the wire form the outbox sends them in (local fields dropped). */
async function wireForm(page: Page, ids: string[]): Promise<BatchItem[]> {
  const stored = await page.evaluate(readFlags, ids);
  return stored.map((record) => batchItemSchema.parse({ type: 'flag', record }));
}

async function measure(kind: 'pglite' | 'postgres', label: string): Promise<Figure[]> {
  const outbox = await freshEndpoint(kind);
  const single = await freshEndpoint(kind);
  const { context, extensionId } = await launchWithExtension(await newProfileDir(), {
    extensionDir,
  });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.evaluate('globalThis.__name = (fn) => fn');
    await configureEndpoint(context, extensionId, {
      endpointUrl: outbox.server.url,
      token: outbox.token,
      reviewerId: REVIEWER,
    });

    // Warm-up of both paths (worker code, connections, the databases): a few flags synced
    // the ordinary way (a write asks for a sync shortly after), and sent one by one.
    const warm = await page.evaluate(createFlagsByMessage, { from: 0, count: WARM_UP });
    await until('the warm-up sync', async () => (await outbox.count()) === WARM_UP);
    await until('an idle runner', async () => !(await syncStatus(page)).running);
    const warmItems = await wireForm(page, warm.ids);
    await page.evaluate(sendOneByOne, {
      url: single.server.url,
      token: single.token,
      items: warmItems,
    });

    // Record the measured flags while the sync lock is held, so nothing syncs them early.
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
        name: `"sync now", ${FLAGS} flags end to end, real Chromium extension (${label})`,
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
        name: `record ${FLAGS} flags through flag.create messages (not in the figure above)`,
        value: created.ms,
        unit: 'ms',
        higherIsBetter: false,
        note: 'flag, outbox entry and sync row in one strict-durability transaction each; 4 messages in flight',
      },
    ];
  } finally {
    await context.close();
    await outbox.close();
    await single.close();
  }
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
