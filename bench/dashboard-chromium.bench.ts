/**
 * `npm run bench dashboard-chromium`: the dashboard's figures in real Chromium, through the
 * built extension, with 100,000 flags in its IndexedDB (seeded in bulk from the service
 * worker, as bench/risk.bench.ts does, with the dashboard counters built from them).
 * `dashboard.summary` for the last 30 days (message round trip included) beside the same
 * figures computed from a full read of the flags store in the same page and run.
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

/**
 * Bulk seeding bypasses the repository, so the dashboard counters are built here from the
 * seeded flags as the v4 upgrade builds them (lib/background/store/flag-counters.ts, `counterKeys`; a
 * copy, because this runs in the service worker). The run checks the dashboard's totals
 * against the full scan's, so a copy that drifted would fail the bench.
 */
async function seedCounters(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  type Flag = {
    id: string;
    createdAt: string;
    deleted: boolean;
    policyId: string;
    status: string;
    severity: string;
    item: { market?: string };
    creatorKey: string;
    source: string;
    ruleId?: string;
  };
  const counts = new Map<string, { key: string[]; dimension: string; count: number }>();
  const count = (key: string[]) => {
    const id = JSON.stringify(key);
    const row = counts.get(id) ?? { key, dimension: key[0] ?? '', count: 0 };
    row.count++;
    counts.set(id, row);
  };
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const page = await new Promise<Flag[]>((resolve, reject) => {
      const req = db.transaction('flags').objectStore('flags').getAll(range, 10_000);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const f of page) {
      if (f.deleted) continue;
      const hour = new Date(f.createdAt).toISOString().slice(0, 13);
      const day = hour.slice(0, 10);
      for (const key of [
        ['status', f.status],
        ['policy', f.policyId],
        ['severity', f.severity],
        ['market', f.item.market ?? ''],
        ['all-hour', hour, ''],
        ['all-day', day, ''],
        ['policy-hour', hour, f.policyId],
        ['policy-day', day, f.policyId],
        ['status-hour', hour, f.status],
        ['status-day', day, f.status],
      ])
        count(key);
      if (f.creatorKey) count(['creator', f.creatorKey]);
      if (f.source === 'auto' && f.ruleId && f.status !== 'suggested')
        count(['rule', f.policyId, f.ruleId, f.status]);
    }
    if (page.length < 10_000) break;
    after = page.at(-1)?.id;
  }
  const tx = db.transaction('flagCounters', 'readwrite');
  for (const row of counts.values()) tx.objectStore('flagCounters').put(row);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return counts.size;
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
  const first = (await send()) as { ok: boolean; data?: { total: number; inRange: number } };
  const answered = first.ok;
  const message: number[] = [];
  for (let i = 0; i < args.runs; i++) {
    const t0 = performance.now();
    await send();
    message.push(performance.now() - t0);
  }
  const scan: number[] = [];
  let scanned = { total: 0, inRange: 0 };
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
    let inRange = 0;
    for (const n of (maps[0] as Map<string, number>).values()) inRange += n;
    scanned = { total: all.length, inRange };
    db.close();
    scan.push(performance.now() - t0);
  }
  return {
    answered,
    answer: { total: first.data?.total, inRange: first.data?.inRange },
    scanned,
    message: median(message),
    scan: median(scan),
  };
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
      const counterRows = await worker.evaluate(seedCounters);
      // Local days in three zones: UTC (whole UTC days: day rows), +07:00 (the markets'
      // zone: hour rows around each day) and +05:30 (days start off the hour: the half
      // hours at each end are counted from the flags themselves).
      const day = 86_400_000;
      const figures: Figure[] = [];
      for (const [zone, offsetMinutes] of [
        ['UTC', 0],
        ['+07:00', 420],
        ['+05:30', 330],
      ] as const) {
        const end = Date.now() - (Date.now() % day) + day - offsetMinutes * 60_000;
        const boundaries = Array.from({ length: 31 }, (_, i) =>
          new Date(end - (30 - i) * day).toISOString(),
        );
        const result = await page.evaluate(timeSummary, { boundaries, runs: 5 });
        if (!result.answered) throw new Error('dashboard.summary did not answer');
        if (JSON.stringify(result.answer) !== JSON.stringify(result.scanned))
          throw new Error(
            `dashboard.summary ${JSON.stringify(result.answer)} != full scan ${JSON.stringify(result.scanned)}`,
          );
        figures.push({
          name: `dashboard.summary, 30 days in ${zone}, ${seeded} flags (message round trip included)`,
          value: result.message,
          unit: 'ms',
          higherIsBetter: false,
          baseline: {
            name: 'full read of the flags store and the same aggregation, same page',
            value: result.scan,
          },
          goal: { ratio: 1, text: 'faster than a full scan with 100,000 flags' },
          note: `${counterRows} counter rows in the store; totals checked against the scan`,
        });
      }
      return figures;
    } finally {
      await context.close();
    }
  },
};

export default bench;
