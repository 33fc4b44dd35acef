/**
 * `npm run bench risk`: creator risk on real data sizes.
 * - In real Chromium, through the built extension (.output/chrome-mv3): 100,000 flags over
 *   10,000 creators seeded into the extension's IndexedDB from its service worker in bulk;
 *   then `creators.risk` for the 500 distinct creators of a 2,000-item feed, and
 *   `creator.history` for one creator, each timed inside an extension page (message round
 *   trip included) beside a full-table scan of the flags store in the same page and run.
 * - On the server: the creator-history query (server/store/records.ts) over 100,000 records
 *   with its partial index, beside the same query with index scans switched off. Embedded
 *   PGlite always; PostgreSQL too when DATABASE_URL is set. EXPLAIN must show an index scan.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '@/server/app';
import { type Database, openDatabase } from '@/server/db/database';
import { liveRecordsAbout } from '@/server/store/records';
import {
  EXTENSION_DIR,
  findChromium,
  launchWithExtension,
  newProfileDir,
} from '../tests/e2e/support/chromium';
import { type Bench, type Figure, medianMs } from './harness';

const CREATORS = 10_000;
const FLAGS_PER_CREATOR = 10;
const FEED_CREATORS = 500;
/** Others may rebuild .output while this runs: FLAGPOST_EXTENSION_DIR points at a copy. */
const extensionDir = process.env.FLAGPOST_EXTENSION_DIR ?? EXTENSION_DIR;

/** Runs in the extension's service worker: raw IndexedDB, bulk puts in big transactions. */
export async function seedFlags(args: { creators: number; perCreator: number }): Promise<number> {
  const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const enc = (n: number, len: number) => {
    let s = '';
    for (let i = 0; i < len; i++, n = Math.floor(n / 32)) s = B32[n % 32] + s;
    return s;
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const total = args.creators * args.perCreator;
  const start = Date.now() - 2 * 365 * 86_400_000;
  const sev = ['low', 'medium', 'high', 'critical'];
  const status = ['suggested', 'confirmed', 'dismissed'];
  for (let from = 0; from < total; from += 20_000) {
    const tx = db.transaction('flags', 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore('flags');
    for (let i = from; i < Math.min(total, from + 20_000); i++) {
      const c = i % args.creators;
      const at = new Date(start + (i / total) * 2 * 365 * 86_400_000).toISOString();
      store.put({
        id: enc(Date.parse(at), 10) + enc(i, 16),
        revision: 1,
        reviewer: 'bench',
        createdAt: at,
        updatedAt: at,
        deleted: false,
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId: `v${i}`,
          url: `https://shop.example/v/${i}`,
          creatorId: `c${c}`,
        },
        policyId: `policy-${i % 7}`,
        policyVersion: '1',
        ruleId: `rule-${i % 5}`,
        severity: sev[i % 4],
        source: i % 2 ? 'auto' : 'manual',
        status: status[i % 3],
        evidence: [],
        note: '',
        itemKey: `shopvid:v${i}`,
        creatorKey: `shopvid:c${c}`,
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
  return total;
}

/** Runs in an extension page: median ms of a message and of a full scan doing the same. */
async function timeInPage(args: {
  name: string;
  request: unknown;
  keys: string[];
  runs: number;
}): Promise<{ message: number; scan: number; answered: boolean }> {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const runtime = (
    globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
    }
  ).chrome.runtime;
  const send = () => runtime.sendMessage({ flagpost: 1, name: args.name, request: args.request });
  const answered = (await send()).ok; // warm-up, and a check that it answers at all
  const messageTimes: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    const t0 = performance.now();
    await send();
    messageTimes.push(performance.now() - t0);
  }
  const wanted = new Set(args.keys);
  const scanTimes: number[] = [];
  for (let i = 0; i < Math.max(3, Math.floor(args.runs / 3)); i++) {
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('flagpost');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<Array<{ creatorKey: string }>>((resolve, reject) => {
      const req = db.transaction('flags').objectStore('flags').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const groups = new Map<string, number>();
    for (const f of all)
      if (wanted.has(f.creatorKey)) groups.set(f.creatorKey, (groups.get(f.creatorKey) ?? 0) + 1);
    db.close();
    scanTimes.push(performance.now() - t0);
  }
  return { message: median(messageTimes), scan: median(scanTimes), answered };
}

async function chromiumFigures(): Promise<Figure[]> {
  const profile = await newProfileDir();
  const { context, extensionId, worker } = await launchWithExtension(profile, { extensionDir });
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    // Any message opens (and creates) the database in the worker before seeding.
    await page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ flagpost: 1, name: 'stats.get', request: {} }),
    );
    // tsx (esbuild keepNames) wraps functions in __name(); functions sent to the browser
    // carry those calls, so give both contexts a no-op __name.
    const shim = 'globalThis.__name = (fn) => fn';
    await Promise.all([worker.evaluate(shim), page.evaluate(shim)]);
    const seedStart = performance.now();
    const seeded = await worker.evaluate(seedFlags, {
      creators: CREATORS,
      perCreator: FLAGS_PER_CREATOR,
    });
    const seedMs = performance.now() - seedStart;
    // A 2,000-item feed by 500 creators: the content script asks once for the distinct ones.
    const feed = Array.from({ length: 2000 }, (_, i) => ({
      platform: 'shopvid',
      creatorId: `c${(i * 7) % FEED_CREATORS}`,
    }));
    const distinct = [...new Map(feed.map((r) => [r.creatorId, r])).values()];
    const keys = distinct.map((r) => `shopvid:${r.creatorId}`);
    const batch = await page.evaluate(timeInPage, {
      name: 'creators.risk',
      request: { creators: distinct },
      keys,
      runs: 9,
    });
    const one = { platform: 'shopvid', creatorId: 'c42' };
    const single = await page.evaluate(timeInPage, {
      name: 'creator.history',
      request: { creator: one, refresh: false },
      keys: ['shopvid:c42'],
      runs: 15,
    });
    if (!batch.answered || !single.answered) throw new Error('a risk message failed');
    const note = `Chromium (${findChromium()}), ${seeded.toLocaleString('en')} flags / ${CREATORS.toLocaleString('en')} creators seeded in ${Math.round(seedMs)} ms`;
    return [
      {
        name: `creators.risk, ${distinct.length} creators of a 2,000-item feed`,
        value: batch.message,
        unit: 'ms',
        baseline: { name: 'full scan of the flags store, grouped', value: batch.scan },
        higherIsBetter: false,
        goal: { ratio: 2, text: '2x faster than a full scan' },
        note,
      },
      {
        name: 'creator.history, one creator (timeline, explanation, series)',
        value: single.message,
        unit: 'ms',
        baseline: { name: 'full scan of the flags store for that creator', value: single.scan },
        higherIsBetter: false,
        goal: { ratio: 10, text: '10x faster than a full scan' },
      },
    ];
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function serverFigures(kind: 'pglite' | 'postgres'): Promise<Figure[]> {
  const url = process.env.DATABASE_URL ?? '';
  const schema = `flagpost_bench_risk_${process.pid}`;
  const db: Database = await openDatabase(
    kind === 'pglite' ? { kind, dataDir: 'memory' } : { kind, url, schema },
  );
  const server = await startServer({ database: db, rateLimit: false, logger: false }); // migrates
  try {
    await db.query(
      `insert into records (id, type, revision, reviewer, platform, creator_id, deleted, digest, body)
       select lpad(i::text, 26, '0'), case when i % 5 = 0 then 'note' else 'flag' end, 1, 'bench',
              'shopvid', 'c' || (i % $1), i % 50 = 0, md5(i::text), jsonb_build_object('n', i)
         from generate_series(1, $2) as i`,
      [CREATORS, CREATORS * FLAGS_PER_CREATOR],
    );
    await db.exec('analyze records');
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `explain select type, body from records where platform = 'shopvid' and creator_id = 'c42' and not deleted order by id`,
    );
    const planText = plan.rows.map((r) => r['QUERY PLAN']).join(' / ');
    if (!/Index Scan|Bitmap Index Scan|Index Only Scan/.test(planText))
      throw new Error(`no index scan: ${planText}`);
    let n = 0;
    const indexed = await medianMs(50, () =>
      liveRecordsAbout(db, 'shopvid', `c${(n++ * 37) % CREATORS}`),
    );
    const scanned = await medianMs(10, () =>
      db.transaction(async (tx) => {
        await tx.exec(
          'set local enable_indexscan = off; set local enable_bitmapscan = off; set local enable_indexonlyscan = off',
        );
        await liveRecordsAbout(tx, 'shopvid', `c${(n++ * 37) % CREATORS}`);
      }),
    );
    return [
      {
        name: `${kind}: creator history query, 100,000 records`,
        value: indexed,
        unit: 'ms',
        baseline: { name: 'same query, index scans off (sequential scan)', value: scanned },
        higherIsBetter: false,
        goal: { ratio: 10, text: '10x faster than a sequential scan' },
        note: `plan: ${planText.slice(0, 160)}`,
      },
    ];
  } finally {
    await server.close();
    await db.close();
    if (kind === 'postgres') {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    }
  }
}

const bench: Bench = {
  name: 'creator risk (extension in Chromium, server history query)',
  async run() {
    const figures: Figure[] = [];
    if (!findChromium() || !existsSync(join(extensionDir, 'manifest.json')))
      console.log('  (Chromium part skipped: needs Chromium and `npx wxt build` first)');
    else figures.push(...(await chromiumFigures()));
    figures.push(...(await serverFigures('pglite')));
    if (process.env.DATABASE_URL) figures.push(...(await serverFigures('postgres')));
    else console.log('  (PostgreSQL part skipped: DATABASE_URL is unset; PGlite figures above)');
    return figures;
  },
};
export default bench;
