/**
 * The run bench/sync-chromium.bench.ts and bench/sync-firefox.bench.ts share: two fresh
 * endpoints, then, in an options page of the built extension (whichever browser drives it),
 * a warm-up, the measured flags recorded under the sync lock, "sync now" timed to the end,
 * the same flags sent one request per flag as the baseline, and the two figures.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BatchItem, batchItemSchema } from '@/lib/shared/protocol/batch';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { type DatabaseOptions, openDatabase } from '@/server/db/database';
import type { SyncStatus } from '../tests/e2e/support/extension-pages';
import type { Figure } from './harness';
import {
  createFlagsByMessage,
  holdSyncLock,
  outboxCount,
  readFlags,
  sendOneByOne,
  timeSyncNow,
} from './sync-chromium-page';

export const FLAGS = Number(process.env.SYNC_BENCH_FLAGS ?? 10_000);
const WARM_UP = 100;
export const REVIEWER = 'bench-reviewer';

export interface Endpoint {
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

/** Runs one of bench/sync-chromium-page.ts's functions in the extension page. */
export type InPage = <A, R>(fn: (arg: A) => Promise<R>, arg?: A) => Promise<R>;

/** The browser's side of a run: its page, and "sync.status" asked of the background. */
export interface SyncPage {
  inPage: InPage;
  syncStatus(): Promise<SyncStatus>;
}

/** The names of the two figures, which say the browser (and the database). */
export interface SyncNames {
  sync: string;
  record: string;
  recordNote?: string;
}

/**
 * Two fresh endpoints of `kind`: `open` points the browser's extension at the first (the
 * outbox's) and answers its page; the second takes the one-by-one baseline.
 */
export async function measureSync(
  kind: 'pglite' | 'postgres',
  names: SyncNames,
  open: (outbox: Endpoint) => Promise<{ page: SyncPage; close(): Promise<void> }>,
): Promise<Figure[]> {
  const outbox = await freshEndpoint(kind);
  const single = await freshEndpoint(kind);
  let browser: { close(): Promise<void> } | undefined;
  try {
    const opened = await open(outbox);
    browser = opened;
    return await syncRounds(opened.page, outbox, single, names);
  } finally {
    await browser?.close();
    await outbox.close();
    await single.close();
  }
}

async function syncRounds(
  { inPage, syncStatus }: SyncPage,
  outbox: Endpoint,
  single: Endpoint,
  names: SyncNames,
): Promise<Figure[]> {
  /** The stored flags in the wire form the outbox sends them in (local fields dropped). */
  const wireForm = async (ids: string[]): Promise<BatchItem[]> =>
    (await inPage(readFlags, ids)).map((record) => batchItemSchema.parse({ type: 'flag', record }));

  // Warm-up of both paths (worker code, connections, the databases): a few flags synced
  // the ordinary way (a write asks for a sync shortly after), and sent one by one.
  const warm = await inPage(createFlagsByMessage, { from: 0, count: WARM_UP });
  await until('the warm-up sync', async () => (await outbox.count()) === WARM_UP);
  await until('an idle runner', async () => !(await syncStatus()).running);
  await inPage(sendOneByOne, {
    url: single.server.url,
    token: single.token,
    items: await wireForm(warm.ids),
  });

  // Record the measured flags while the sync lock is held, so nothing syncs them early.
  await inPage(holdSyncLock);
  const created = await inPage(createFlagsByMessage, { from: WARM_UP, count: FLAGS });
  const items = await wireForm(created.ids);
  if ((await inPage(outboxCount)) !== FLAGS) throw new Error('outbox not as seeded');

  const syncMs = await inPage(timeSyncNow);
  const [left, held, status] = await Promise.all([
    inPage(outboxCount),
    outbox.count(),
    syncStatus(),
  ]);
  if (left !== 0 || held !== WARM_UP + FLAGS || status.rejected !== 0 || status.lastError)
    throw new Error(
      `sync did not deliver everything: ${left} queued, endpoint holds ${held}, ${JSON.stringify(status)}`,
    );

  const singleMs = await inPage(sendOneByOne, {
    url: single.server.url,
    token: single.token,
    items,
  });
  if ((await single.count()) !== WARM_UP + FLAGS) throw new Error('baseline lost flags');

  const perSecond = (ms: number) => FLAGS / (ms / 1000);
  return [
    {
      name: names.sync,
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
      name: names.record,
      value: created.ms,
      unit: 'ms',
      higherIsBetter: false,
      ...(names.recordNote ? { note: names.recordNote } : {}),
    },
  ];
}
