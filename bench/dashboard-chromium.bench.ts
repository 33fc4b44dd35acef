/**
 * `npm run bench dashboard-chromium`: the dashboard's figures in real Chromium, through the
 * built extension, with 100,000 flags in its IndexedDB (seeded in bulk from the service
 * worker, as bench/risk.bench.ts does). `dashboard.summary` for the last 30 days (message
 * round trip included) beside the same figures computed from a full read of the flags
 * store in the same page and run. fake-indexeddb (bench/dashboard.bench.ts) cannot show
 * what the indexes save; this can.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXTENSION_DIR,
  findChromium,
  launchWithExtension,
  newProfileDir,
} from '../tests/e2e/support/chromium';
import type { Bench, Figure } from './harness';
import { seedFlags } from './risk.bench';

/**
 * The flag repository keeps per-rule decision counts as flags are written; bulk seeding
 * bypasses it, so the counts are written here as the repository would have left them.
 */
async function seedRuleStats(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  type Row = {
    ruleKey: string;
    policyId: string;
    ruleId: string;
    confirmed: number;
    dismissed: number;
    updatedAt: string;
  };
  const rows = new Map<string, Row>();
  await new Promise<void>((resolve, reject) => {
    const cursor = db.transaction('flags').objectStore('flags').openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return resolve();
      const f = c.value as { source: string; ruleId?: string; policyId: string; status: string };
      if (f.source === 'auto' && f.ruleId && f.status !== 'suggested') {
        const key = `${f.policyId}:${f.ruleId}`;
        const row = rows.get(key) ?? {
          ruleKey: key,
          policyId: f.policyId,
          ruleId: f.ruleId,
          confirmed: 0,
          dismissed: 0,
          updatedAt: new Date().toISOString(),
        };
        if (f.status === 'confirmed') row.confirmed++;
        else row.dismissed++;
        rows.set(key, row);
      }
      c.continue();
    };
    cursor.onerror = () => reject(cursor.error);
  });
  const tx = db.transaction('ruleStats', 'readwrite');
  for (const row of rows.values()) tx.objectStore('ruleStats').put(row);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return rows.size;
}

const CREATORS = 10_000;
const PER_CREATOR = 10;
const extensionDir = process.env.FLAGPOST_EXTENSION_DIR ?? EXTENSION_DIR;

/** Runs in an extension page: median ms of the message and of a full-scan aggregation. */
async function timeSummary(args: { boundaries: string[]; runs: number }) {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const runtime = (
    globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
    }
  ).chrome.runtime;
  const send = () =>
    runtime.sendMessage({
      flagpost: 1,
      name: 'dashboard.summary',
      request: { boundaries: args.boundaries },
    });
  const answered = (await send()).ok;
  const message: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    const t0 = performance.now();
    await send();
    message.push(performance.now() - t0);
  }
  const scan: number[] = [];
  const from = args.boundaries[0] ?? '';
  const to = args.boundaries.at(-1) ?? '';
  for (let i = 0; i < args.runs; i++) {
    const t0 = performance.now();
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('flagpost');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const req = db.transaction('flags').objectStore('flags').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // The same figures: per policy, status, day in range; per severity, market, creator.
    const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
    const maps = Array.from({ length: 6 }, () => new Map<string, number>());
    for (const f of all) {
      const at = String(f.createdAt);
      if (at >= from && at < to) {
        count(maps[0] as Map<string, number>, String(f.policyId));
        count(maps[1] as Map<string, number>, String(f.status));
        count(maps[2] as Map<string, number>, at.slice(0, 10));
      }
      count(maps[3] as Map<string, number>, String(f.severity));
      count(maps[4] as Map<string, number>, String((f.item as { market?: string }).market));
      count(maps[5] as Map<string, number>, String(f.creatorKey));
    }
    db.close();
    scan.push(performance.now() - t0);
  }
  return { answered, message: median(message), scan: median(scan) };
}

const bench: Bench = {
  name: 'Dashboard in real Chromium (100,000 flags)',
  skip: () => {
    if (!findChromium()) return 'no Chromium (set CHROME_PATH or install chromium)';
    if (!existsSync(join(extensionDir, 'manifest.json')))
      return `no built extension in ${extensionDir}: run npm run build`;
    return undefined;
  },
  async run(): Promise<Figure[]> {
    const { context, extensionId, worker } = await launchWithExtension(await newProfileDir(), {
      extensionDir,
    });
    try {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
      const shim = 'globalThis.__name = (fn) => fn';
      await Promise.all([worker.evaluate(shim), page.evaluate(shim)]);
      const seeded = await worker.evaluate(seedFlags, {
        creators: CREATORS,
        perCreator: PER_CREATOR,
      });
      await worker.evaluate(seedRuleStats);
      const day = 86_400_000;
      const end = Date.now() - (Date.now() % day) + day;
      const boundaries = Array.from({ length: 31 }, (_, i) =>
        new Date(end - (30 - i) * day).toISOString(),
      );
      const result = await page.evaluate(timeSummary, { boundaries, runs: 5 });
      if (!result.answered) throw new Error('dashboard.summary did not answer');
      return [
        {
          name: `dashboard.summary, 30 days, ${seeded} flags (message round trip included)`,
          value: result.message,
          unit: 'ms',
          higherIsBetter: false,
          baseline: {
            name: 'full read of the flags store and the same aggregation, same page',
            value: result.scan,
          },
          goal: { ratio: 1, text: 'faster than a full scan with 100,000 flags' },
        },
      ];
    } finally {
      await context.close();
    }
  },
};

export default bench;
