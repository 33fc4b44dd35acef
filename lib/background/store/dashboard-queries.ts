/**
 * The analyst's dashboard, answered from the flag counters (lib/background/store/flag-counters.ts), a
 * few hundred rows kept in step with every flag write, never by reading or counting the
 * flags: with 100,000 flags even index counts walk their ranges, and the dashboard makes
 * dozens (bench/dashboard-chromium.bench.ts measures it in Chromium beside a full read).
 * Deleted flags count nowhere. Only the part of a period that does not fill a whole UTC
 * hour (a day that starts at :30 in the reviewer's zone) is counted from the flags created
 * in it, through the createdAt index.
 */
import Dexie from 'dexie';
import { readSyncStatus } from '@/lib/background/store/sync-status-repo';
import type { DashboardSummaryView } from '@/lib/messaging/dashboard-messages';
import { type FlagStatus, MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';
import { smoothedPrecision } from '@/lib/shared/risk/precision';
import { countsInPeriod } from './counter-periods';
import type { FlagCounterRow, FlagpostDb, RuleStatsRow } from './db';
import { pendingCount } from './outbox-repo';
import { countInState } from './sync-states';

export const TOP_CREATORS = 10;
const STATUSES: FlagStatus[] = ['suggested', 'confirmed', 'dismissed'];

/** The summary's shape is declared once, as the message's schema (dashboard-messages.ts). */
export type DashboardSummary = DashboardSummaryView;
export type RulePrecision = DashboardSummary['rules']['rows'][number];

/** Weakest first: lowest smoothed precision, then the rule with most decisions. */
export function rankRules(rows: Omit<RulePrecision, 'observed' | 'smoothed'>[]): RulePrecision[] {
  return rows
    .map((row) => {
      const decided = row.confirmed + row.dismissed;
      return {
        ...row,
        ...(decided ? { observed: row.confirmed / decided } : {}),
        smoothed: smoothedPrecision(row),
      };
    })
    .sort(
      (a, b) =>
        a.smoothed - b.smoothed ||
        b.confirmed + b.dismissed - (a.confirmed + a.dismissed) ||
        `${a.policyId}:${a.ruleId}`.localeCompare(`${b.policyId}:${b.ruleId}`),
    );
}

/** Counter rows of one dimension (every key that starts with it). */
function dimensionRows(db: FlagpostDb, dimension: string): Promise<FlagCounterRow[]> {
  return db.flagCounters.where(':id').between([dimension], [dimension, Dexie.maxKey]).toArray();
}

/** Without recorded decisions: the standing decisions on automatic flags, per rule. */
async function decisionsFromFlags(db: FlagpostDb) {
  const byRule = new Map<string, Omit<RulePrecision, 'observed' | 'smoothed'>>();
  for (const { key, count } of await dimensionRows(db, 'rule')) {
    const [, policyId = '', ruleId = '', status] = key;
    if (status !== 'confirmed' && status !== 'dismissed') continue;
    const id = JSON.stringify([policyId, ruleId]);
    const row = byRule.get(id) ?? { policyId, ruleId, confirmed: 0, dismissed: 0 };
    row[status] += count;
    byRule.set(id, row);
  }
  return [...byRule.values()];
}

async function rulePrecision(db: FlagpostDb): Promise<DashboardSummary['rules']> {
  const recorded: RuleStatsRow[] = await db.ruleStats.toArray();
  if (recorded.length)
    return {
      source: 'decisions',
      rows: rankRules(
        recorded.map(({ policyId, ruleId, confirmed, dismissed }) => ({
          policyId,
          ruleId,
          confirmed,
          dismissed,
        })),
      ),
    };
  return { source: 'flags', rows: rankRules(await decisionsFromFlags(db)) };
}

/** Most flagged creators, from the `[dimension+count]` index: TOP_CREATORS rows read. */
async function topCreators(db: FlagpostDb) {
  const rows = await db.flagCounters
    .where('[dimension+count]')
    .between(['creator', Dexie.minKey], ['creator', Dexie.maxKey])
    .reverse()
    .limit(TOP_CREATORS)
    .toArray();
  const top = rows.map((row) => ({ creatorKey: row.key[1] ?? '', count: row.count }));
  const creators = await db.creators.bulkGet(top.map((c) => c.creatorKey));
  return top.map((c, i) => {
    const handle = creators[i]?.handle;
    return handle ? { ...c, handle } : c;
  });
}

const valueMap = (rows: FlagCounterRow[]) =>
  new Map(rows.map((row) => [row.key[1] ?? '', row.count]));

/**
 * `boundaries`: n + 1 instants (ISO), the starts of n days and the end of the last one. One
 * read transaction: every figure is of the same moment.
 */
export async function dashboardSummary(
  db: FlagpostDb,
  boundaries: readonly string[],
): Promise<DashboardSummary> {
  const times = boundaries.map((b) => Date.parse(b));
  const from = times[0] ?? 0;
  const to = times.at(-1) ?? 0;
  const tables = [db.flags, db.flagCounters, db.ruleStats, db.creators, db.meta, db.outbox];
  return db.transaction('r', [...tables, db.syncStates], async () => {
    const [perDay, inPolicy, inStatus, policies, statuses, severities, markets] = await Promise.all(
      [
        Promise.all(
          times.slice(0, -1).map(async (start, i) => ({
            start: boundaries[i] ?? '',
            count: (await countsInPeriod(db, 'all', start, times[i + 1] ?? start)).get('') ?? 0,
          })),
        ),
        countsInPeriod(db, 'policy', from, to),
        countsInPeriod(db, 'status', from, to),
        dimensionRows(db, 'policy'),
        dimensionRows(db, 'status'),
        dimensionRows(db, 'severity').then(valueMap),
        dimensionRows(db, 'market').then(valueMap),
      ],
    );
    const total = statuses.reduce((sum, row) => sum + row.count, 0);
    const perPolicy = policies
      .map(({ key, count }) => {
        const policyId = key[1] ?? '';
        return { policyId, inRange: inPolicy.get(policyId) ?? 0, total: count };
      })
      .sort((a, b) => b.inRange - a.inRange || b.total - a.total);
    const perMarket = MARKETS.map((market) => ({
      market: market as string,
      count: markets.get(market) ?? 0,
    }));
    const known = perMarket.reduce((sum, m) => sum + m.count, 0);
    const [rules, creators, status, pending, rejected] = await Promise.all([
      rulePrecision(db),
      topCreators(db),
      readSyncStatus(db),
      pendingCount(db),
      countInState(db, 'rejected'),
    ]);
    const { failures: _failures, nextAttemptAt: _next, ...syncTimes } = status;
    return {
      total,
      inRange: perDay.reduce((sum, d) => sum + d.count, 0),
      perDay,
      perPolicy,
      perStatus: STATUSES.map((s) => ({ status: s, inRange: inStatus.get(s) ?? 0 })),
      perSeverity: SEVERITIES.map((severity) => ({
        severity,
        count: severities.get(severity) ?? 0,
      })),
      perMarket: [...perMarket, { market: '', count: total - known }],
      topCreators: creators,
      rules,
      sync: { ...syncTimes, pending, rejected },
    };
  });
}
