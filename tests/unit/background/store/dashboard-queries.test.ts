/**
 * The dashboard from the counters against the same figures counted naively from every live
 * flag, for days that start on the hour, off the hour (+05:30, +05:45) and on a UTC
 * midnight, with deleted and edited flags among them.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardSummary } from '@/lib/background/store/dashboard-queries';
import { FlagpostDb, type StoredFlag } from '@/lib/background/store/db';
import { createFlag, deleteFlag, editFlag } from '@/lib/background/store/flags-repo';
import { MARKETS, SEVERITIES } from '@/lib/shared/protocol/records';
import { propertyRuns } from '../../property-runs';

const DAY = 86_400_000;
const START = Date.UTC(2026, 9, 1);
const POLICIES = ['off-platform', 'counterfeit-goods', 'health-claims'];
const STATUSES = ['suggested', 'confirmed', 'dismissed'] as const;
const opened: FlagpostDb[] = [];

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const flagArb = fc.record({
  minute: fc.integer({ min: 0, max: 40 * 24 * 60 }),
  policy: fc.nat(2),
  severity: fc.nat(3),
  market: fc.nat(MARKETS.length),
  creator: fc.nat(4),
  status: fc.nat(2),
  rule: fc.boolean(),
  afterwards: fc.constantFrom('keep', 'delete', 'confirm'),
});

/** Local midnights of `days` days ending at START + 40 days, in a zone `offset` minutes east. */
function boundaries(days: number, offsetMinutes: number): string[] {
  const end = START + 40 * DAY - offsetMinutes * 60_000;
  return Array.from({ length: days + 1 }, (_, i) => new Date(end - (days - i) * DAY).toISOString());
}

function naive(flags: StoredFlag[], bounds: string[]) {
  const live = flags.filter((f) => !f.deleted);
  const times = bounds.map(Date.parse);
  const inDay = (f: StoredFlag, i: number) =>
    Date.parse(f.createdAt) >= (times[i] ?? 0) && Date.parse(f.createdAt) < (times[i + 1] ?? 0);
  const inRange = live.filter(
    (f) =>
      Date.parse(f.createdAt) >= (times[0] ?? 0) && Date.parse(f.createdAt) < (times.at(-1) ?? 0),
  );
  const count = (list: StoredFlag[], by: (f: StoredFlag) => string, value: string) =>
    list.filter((f) => by(f) === value).length;
  const creators = new Map<string, number>();
  for (const f of live)
    if (f.creatorKey) creators.set(f.creatorKey, (creators.get(f.creatorKey) ?? 0) + 1);
  return {
    total: live.length,
    inRange: inRange.length,
    perDay: times.slice(0, -1).map((_, i) => live.filter((f) => inDay(f, i)).length),
    perPolicy: POLICIES.map((p) => ({
      policyId: p,
      inRange: count(inRange, (f) => f.policyId, p),
      total: count(live, (f) => f.policyId, p),
    })).filter((p) => p.total > 0),
    perStatus: STATUSES.map((s) => count(inRange, (f) => f.status, s)),
    perSeverity: SEVERITIES.map((s) => count(live, (f) => f.severity, s)),
    perMarket: [...MARKETS, ''].map((m) => count(live, (f) => f.item.market ?? '', m)),
    topCounts: [...creators.values()].sort((a, b) => b - a).slice(0, 10),
  };
}

describe('dashboard summary', () => {
  it('equals a naive count of the live flags, whatever the zone of the days', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(flagArb, { maxLength: 40 }),
        fc.constantFrom(0, 7 * 60, 330, 345, -210),
        fc.constantFrom(7, 30),
        async (specs, offset, days) => {
          const db = new FlagpostDb(`flagpost-dashboard-${Math.random()}`);
          opened.push(db);
          await db.open();
          for (const [i, s] of specs.entries()) {
            const author = {
              reviewer: 'alice',
              clock: () => new Date(START + s.minute * 60_000 + i).toISOString(),
            };
            const flag = await createFlag(
              db,
              {
                item: {
                  platform: 'shopvid',
                  kind: 'video',
                  itemId: `v${i}`,
                  url: `https://shop.example/v/${i}`,
                  creatorId: `c${s.creator}`,
                  ...(MARKETS[s.market] ? { market: MARKETS[s.market] } : {}),
                },
                policyId: POLICIES[s.policy] ?? 'off-platform',
                policyVersion: '1',
                ...(s.rule ? { ruleId: `r${s.policy}` } : {}),
                severity: SEVERITIES[s.severity] ?? 'low',
                source: s.rule ? 'auto' : 'manual',
                status: STATUSES[s.status] ?? 'suggested',
              },
              author,
            );
            if (s.afterwards === 'delete') await deleteFlag(db, flag.id, author);
            if (s.afterwards === 'confirm')
              await editFlag(db, flag.id, { status: 'confirmed' }, author);
          }
          const bounds = boundaries(days, offset);
          const summary = await dashboardSummary(db, bounds);
          const expected = naive(await db.flags.toArray(), bounds);
          expect(summary.total).toBe(expected.total);
          expect(summary.inRange).toBe(expected.inRange);
          expect(summary.perDay.map((d) => d.count)).toEqual(expected.perDay);
          expect(summary.perDay.map((d) => d.start)).toEqual(bounds.slice(0, -1));
          expect(
            [...summary.perPolicy].sort((a, b) => a.policyId.localeCompare(b.policyId)),
          ).toEqual(expected.perPolicy.sort((a, b) => a.policyId.localeCompare(b.policyId)));
          expect(summary.perStatus.map((s) => s.inRange)).toEqual(expected.perStatus);
          expect(summary.perSeverity.map((s) => s.count)).toEqual(expected.perSeverity);
          expect(summary.perMarket.map((m) => m.count)).toEqual(expected.perMarket);
          expect(summary.topCreators.map((c) => c.count)).toEqual(expected.topCounts);
        },
      ),
      { numRuns: propertyRuns(30) },
    );
  });

  it('without recorded decisions, ranks rules from the standing decisions of live flags', async () => {
    const db = new FlagpostDb(`flagpost-dashboard-${Math.random()}`);
    opened.push(db);
    await db.open();
    const author = { reviewer: 'alice', clock: () => new Date(START).toISOString() };
    const finding = (status: 'confirmed' | 'dismissed', ruleId: string) =>
      createFlag(
        db,
        {
          item: {
            platform: 'shopvid',
            kind: 'video',
            itemId: '1',
            url: 'https://shop.example/v/1',
          },
          policyId: 'off-platform',
          policyVersion: '1',
          ruleId,
          severity: 'high',
          source: 'auto',
          status,
        },
        author,
      );
    await finding('confirmed', 'zalo');
    await finding('dismissed', 'line-id');
    await finding('confirmed', 'line-id');
    const gone = await finding('confirmed', 'line-id');
    await deleteFlag(db, gone.id, author);
    await db.ruleStats.clear(); // as a profile from before rule statistics would have it
    const { rules } = await dashboardSummary(db, boundaries(7, 0));
    expect(rules.source).toBe('flags');
    expect(rules.rows.map((r) => [r.ruleId, r.confirmed, r.dismissed])).toEqual([
      ['line-id', 1, 1],
      ['zalo', 1, 0],
    ]);
  });
});
