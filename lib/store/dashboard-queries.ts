/**
 * The analyst's dashboard, answered from IndexedDB indexes (counts and key-only reads),
 * never by loading every flag: with 100,000 flags a full read is seconds, an index count is
 * not (bench/dashboard.bench.ts measures both). Counts are of flag records, tombstones
 * included: no index tells a deleted flag from a live one (see the dashboard's footnote).
 */
import Dexie from 'dexie';
import { type FlagStatus, MARKETS, SEVERITIES } from '@/lib/protocol/records';
import { smoothedPrecision } from '@/lib/risk/precision';
import { readSyncStatus } from '@/lib/sync/sync-status';
import type { FlagpostDb, RuleStatsRow } from './db';
import { pendingCount } from './outbox-repo';

export const TOP_CREATORS = 10;
const STATUSES: FlagStatus[] = ['suggested', 'confirmed', 'dismissed'];

export interface RulePrecision {
  policyId: string;
  ruleId: string;
  confirmed: number;
  dismissed: number;
  /** confirmed / (confirmed + dismissed); absent with no decisions yet. */
  observed?: number;
  smoothed: number;
}

export interface DashboardSummary {
  total: number;
  inRange: number;
  perDay: { start: string; count: number }[];
  perPolicy: { policyId: string; inRange: number; total: number }[];
  perStatus: { status: FlagStatus; inRange: number }[];
  perSeverity: { severity: string; count: number }[];
  /** All time; `market: ''` counts flags whose item has no known market. */
  perMarket: { market: string; count: number }[];
  topCreators: { creatorKey: string; handle?: string; count: number }[];
  rules: { source: 'decisions' | 'flags'; rows: RulePrecision[] };
  sync: {
    pending: number;
    rejected: number;
    lastAttemptAt?: string;
    lastSuccessAt?: string;
    lastError?: string;
  };
}

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

/** Without recorded decisions: automatic flags' confirmed / dismissed statuses, per rule. */
async function decisionsFromFlags(db: FlagpostDb) {
  const byRule = new Map<string, Omit<RulePrecision, 'observed' | 'smoothed'>>();
  for (const status of ['confirmed', 'dismissed'] as const) {
    // No Dexie .filter(): a plain range read is one getAll, a filter walks a cursor.
    const decided = await db.flags
      .where('[status+createdAt]')
      .between([status, Dexie.minKey], [status, Dexie.maxKey])
      .toArray();
    for (const flag of decided) {
      if (flag.source !== 'auto' || flag.ruleId === undefined) continue;
      const ruleId = flag.ruleId ?? '';
      const key = `${flag.policyId}:${ruleId}`;
      const row = byRule.get(key) ?? {
        policyId: flag.policyId,
        ruleId,
        confirmed: 0,
        dismissed: 0,
      };
      row[status]++;
      byRule.set(key, row);
    }
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

/** Flags per creator from the creatorKey index alone (keys, not records), most first. */
async function topCreators(db: FlagpostDb) {
  const keys = (await db.flags.orderBy('creatorKey').keys()) as string[];
  const counts: { creatorKey: string; count: number }[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j < keys.length && keys[j] === keys[i]) j++;
    if (keys[i]) counts.push({ creatorKey: keys[i] ?? '', count: j - i });
    i = j;
  }
  const top = counts.sort((a, b) => b.count - a.count).slice(0, TOP_CREATORS);
  const creators = await db.creators.bulkGet(top.map((c) => c.creatorKey));
  return top.map((c, i) => {
    const handle = creators[i]?.handle;
    return handle ? { ...c, handle } : c;
  });
}

/** `boundaries`: n + 1 instants (ISO), the starts of n days and the end of the last one. */
export async function dashboardSummary(
  db: FlagpostDb,
  boundaries: readonly string[],
): Promise<DashboardSummary> {
  const from = boundaries[0] ?? '';
  const to = boundaries.at(-1) ?? '';
  const countRange = (index: string, lower: unknown, upper: unknown) =>
    db.flags.where(index).between(lower, upper, true, false).count();

  const [total, perDay, policyIds] = await Promise.all([
    db.flags.count(),
    Promise.all(
      boundaries.slice(0, -1).map(async (start, i) => ({
        start,
        count: await countRange('createdAt', start, boundaries[i + 1]),
      })),
    ),
    db.flags.orderBy('policyId').uniqueKeys() as Promise<string[]>,
  ]);
  const perPolicy = await Promise.all(
    policyIds.map(async (policyId) => ({
      policyId,
      inRange: await countRange('[policyId+createdAt]', [policyId, from], [policyId, to]),
      total: await countRange(
        '[policyId+createdAt]',
        [policyId, Dexie.minKey],
        [policyId, Dexie.maxKey],
      ),
    })),
  );
  perPolicy.sort((a, b) => b.inRange - a.inRange || b.total - a.total);
  const perStatus = await Promise.all(
    STATUSES.map(async (status) => ({
      status,
      inRange: await countRange('[status+createdAt]', [status, from], [status, to]),
    })),
  );
  const perSeverity = await Promise.all(
    SEVERITIES.map(async (severity) => ({
      severity,
      count: await db.flags.where('severity').equals(severity).count(),
    })),
  );
  const markets = await Promise.all(
    MARKETS.map(async (market) => ({
      market: market as string,
      count: await db.flags.where('item.market').equals(market).count(),
    })),
  );
  const known = markets.reduce((sum, m) => sum + m.count, 0);
  const [rules, creators, status, pending, rejectedFlags, rejectedNotes] = await Promise.all([
    rulePrecision(db),
    topCreators(db),
    readSyncStatus(db),
    pendingCount(db),
    db.flags.where('syncState').equals('rejected').count(),
    db.notes.where('syncState').equals('rejected').count(),
  ]);
  const { failures: _failures, nextAttemptAt: _next, ...times } = status;
  return {
    total,
    inRange: perDay.reduce((sum, d) => sum + d.count, 0),
    perDay,
    perPolicy,
    perStatus,
    perSeverity,
    perMarket: [...markets, { market: '', count: total - known }],
    topCreators: creators,
    rules,
    sync: { ...times, pending, rejected: rejectedFlags + rejectedNotes },
  };
}
