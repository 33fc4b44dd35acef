/**
 * `npm run bench dashboard`: the dashboard's figures over 100,000 flags, answered from the
 * flag counters (lib/background/store/dashboard-queries.ts), beside the naive way in the same run: read
 * every flag and aggregate in JavaScript. FlagpostDb on fake-indexeddb (the harness runs in
 * Node). The store is filled as the repository writes: flags and their counters together.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { dashboardSummary } from '@/lib/background/store/dashboard-queries';
import { FlagpostDb, type StoredFlag } from '@/lib/background/store/db';
import { countFlagWrites } from '@/lib/background/store/flag-counters';
import { toStoredFlag } from '@/lib/background/store/flags-repo';
import { newUlid } from '@/lib/shared/protocol/ids';
import { MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';
import { type Bench, medianMs } from './harness';

// 100,000 by default; DASHBOARD_FLAGS picks another size (fake-indexeddb fills slowly).
const FLAGS = Number(process.env.DASHBOARD_FLAGS ?? 100_000);
const DAYS = 30;
const START = Date.UTC(2026, 9, 1);
const DAY = 86_400_000;
const POLICIES = [
  'off-platform',
  'counterfeit-goods',
  'health-claims',
  'undisclosed-ad',
  'price-anomaly',
  'personal-data',
  'giveaway-scam',
];
const STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;

function flagAt(i: number): StoredFlag {
  const time = START + Math.floor((i / FLAGS) * 60 * DAY);
  const iso = new Date(time).toISOString();
  const creatorId = `creator-${(i * 7919) % 2_000}`;
  return toStoredFlag({
    id: newUlid(time),
    revision: 1,
    reviewer: 'bench',
    createdAt: iso,
    updatedAt: iso,
    deleted: false,
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: `v${i}`,
      url: `https://shopvid.example/v/${i}`,
      creatorId,
      ...(i % 5 ? { market: MARKETS[i % MARKETS.length] } : {}),
    },
    policyId: POLICIES[i % POLICIES.length] ?? 'off-platform',
    policyVersion: '2026.11',
    ruleId: `rule-${i % 40}`,
    severity: SEVERITIES[i % 4] ?? 'high',
    source: 'auto',
    status: STATUSES[i % 3] ?? 'suggested',
    evidence: [{ field: 'title', start: 0, end: 8, text: 'WhatsApp' }],
    note: '',
  });
}

/** The naive dashboard: every flag read, every figure counted in JavaScript. */
async function naiveSummary(db: FlagpostDb, boundaries: string[]) {
  const flags = await db.flags.toArray();
  const from = boundaries[0] ?? '';
  const to = boundaries.at(-1) ?? '';
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const perDay = new Array(boundaries.length - 1).fill(0);
  const [policy, policyAll, status, severity, market, creator, rule] = Array.from(
    { length: 7 },
    () => new Map<string, number>(),
  );
  for (const f of flags) {
    const inRange = f.createdAt >= from && f.createdAt < to;
    if (inRange) {
      const day = boundaries.findIndex(
        (b, i) => f.createdAt >= b && f.createdAt < (boundaries[i + 1] ?? ''),
      );
      perDay[day]++;
      count(policy!, f.policyId);
      count(status!, f.status);
    }
    count(policyAll!, f.policyId);
    count(severity!, f.severity);
    count(market!, f.item.market ?? '');
    count(creator!, f.creatorKey);
    if (f.source === 'auto' && f.status !== 'suggested')
      count(rule!, `${f.policyId}:${f.ruleId}:${f.status}`);
  }
  return { perDay, policy, policyAll, status, severity, market, creator, rule };
}

export default {
  name: 'Dashboard figures (fake-indexeddb)',
  async run() {
    const db = new FlagpostDb(`flagpost-bench-${randomBytes(4).toString('hex')}`);
    await db.open();
    const filling = performance.now();
    for (let start = 0; start < FLAGS; start += 5_000) {
      const flags = Array.from({ length: Math.min(5_000, FLAGS - start) }, (_, j) =>
        flagAt(start + j),
      );
      await db.transaction('rw', db.flags, db.flagCounters, async () => {
        await db.flags.bulkAdd(flags);
        await countFlagWrites(
          db,
          flags.map((flag) => [undefined, flag] as const),
        );
      });
    }
    const fillMs = performance.now() - filling;
    const end = START + 60 * DAY;
    const boundaries = Array.from({ length: DAYS + 1 }, (_, i) =>
      new Date(end - (DAYS - i) * DAY).toISOString(),
    );

    const summary = await dashboardSummary(db, boundaries);
    const expected = (await naiveSummary(db, boundaries)).perDay.reduce((a, b) => a + b, 0);
    if (summary.total !== FLAGS || summary.inRange !== expected)
      throw new Error(`wrong figures: ${summary.total} in all, ${summary.inRange} in range`);
    const indexed = await medianMs(3, () => dashboardSummary(db, boundaries));
    const naive = await medianMs(3, () => naiveSummary(db, boundaries));
    db.close();
    return [
      {
        name: `dashboard summary, ${FLAGS.toLocaleString('en')} flags, 30 days (counters)`,
        value: indexed,
        unit: 'ms',
        baseline: { name: 'read every flag and aggregate in JS', value: naive },
        higherIsBetter: false,
        note: 'median of 3; rule precision from the counters (no ruleStats rows)',
      },
      {
        name: `fill the store with ${FLAGS.toLocaleString('en')} flags (bulkAdd and counters)`,
        value: fillMs,
        unit: 'ms',
        higherIsBetter: false,
      },
    ];
  },
} satisfies Bench;
