/** The score's promises, checked on thousands of generated creators (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '@/lib/shared/protocol/records';
import {
  DAY_MS,
  type PrecisionLookup,
  precisionLookup,
  type RiskFlag,
  riskScore,
  ruleKeyOf,
  smoothedPrecision,
} from '@/lib/shared/risk';
import { flagArb, flagsArb, NOW, precisionsArb, severityArb } from './arbitraries';

const lookupFrom =
  (table: Record<string, number>): PrecisionLookup =>
  (policyId, ruleId) =>
    ruleId ? (table[ruleKeyOf(policyId, ruleId)] ?? 0.5) : 0.5;
const score = (flags: RiskFlag[], precision: PrecisionLookup, now = NOW) =>
  riskScore(flags, now, precision).score;

describe('risk score properties', () => {
  it('is bounded to 0..100 and an integer', () => {
    fc.assert(
      fc.property(flagsArb(200), precisionsArb, (flags, table) => {
        const s = score(flags, lookupFrom(table));
        expect(Number.isInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('is deterministic: the order of the flags does not matter', () => {
    fc.assert(
      fc.property(flagsArb(), precisionsArb, fc.integer(), (flags, table, seed) => {
        const shuffled = [...flags].sort(
          (a, b) => ((a.id.charCodeAt(3) * seed) % 7) - ((b.id.charCodeAt(3) * seed) % 7),
        );
        const lookup = lookupFrom(table);
        expect(riskScore(shuffled, NOW, lookup)).toEqual(riskScore(flags, NOW, lookup));
      }),
    );
  });

  it('never falls when a flag is added', () => {
    fc.assert(
      fc.property(flagsArb(), flagArb, precisionsArb, (flags, extra, table) => {
        const others = flags.filter((f) => f.id !== extra.id);
        const lookup = lookupFrom(table);
        expect(score([...others, extra], lookup)).toBeGreaterThanOrEqual(score(others, lookup));
      }),
    );
  });

  it('never falls when a flag becomes more severe', () => {
    fc.assert(
      fc.property(
        flagsArb().filter((flags) => flags.length > 0),
        fc.nat(),
        severityArb,
        precisionsArb,
        (flags, pick, severity, table) => {
          const index = pick % flags.length;
          const flag = flags[index]!;
          const higher =
            SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(flag.severity)
              ? severity
              : flag.severity;
          const raised = flags.map((f, i) => (i === index ? { ...f, severity: higher } : f));
          const lookup = lookupFrom(table);
          expect(score(raised, lookup)).toBeGreaterThanOrEqual(score(flags, lookup));
        },
      ),
    );
  });

  it('decays: later, with the same flags, the score is never higher', () => {
    fc.assert(
      fc.property(
        flagsArb(),
        precisionsArb,
        fc.integer({ min: 0, max: 3 * 365 }),
        (flags, table, days) => {
          const lookup = lookupFrom(table);
          expect(score(flags, lookup, NOW + days * DAY_MS)).toBeLessThanOrEqual(
            score(flags, lookup),
          );
        },
      ),
    );
  });

  it('a fresh flag weighs half as much after one half-life', () => {
    const flag: RiskFlag = {
      id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      severity: 'critical',
      status: 'confirmed',
      source: 'manual',
      policyId: 'p',
      createdAt: new Date(NOW).toISOString(),
    };
    const lookup = lookupFrom({});
    const fresh = riskScore([flag], NOW, lookup).points;
    expect(riskScore([flag], NOW + 90 * DAY_MS, lookup).points).toBeCloseTo(fresh / 2, 6);
  });

  it('dismissing a flag never raises the score, even counting the precision it lowers', () => {
    fc.assert(
      fc.property(
        flagsArb().filter((flags) => flags.length > 0),
        fc.nat(),
        fc.dictionary(
          fc.constantFrom('off-platform:whatsapp', 'counterfeit:replica', 'health-claims:cure'),
          fc.record({ confirmed: fc.nat(50), dismissed: fc.nat(50) }),
        ),
        (flags, pick, decisions) => {
          const index = pick % flags.length;
          const target = flags[index]!;
          const before = new Map(Object.entries(decisions));
          const after = new Map(before);
          // The dismissal is also a decision on the flag's rule, when it is an automatic one.
          if (target.source === 'auto' && target.ruleId) {
            const key = ruleKeyOf(target.policyId, target.ruleId);
            const held = after.get(key) ?? { confirmed: 0, dismissed: 0 };
            const wasConfirmed = target.status === 'confirmed';
            const wasDismissed = target.status === 'dismissed';
            after.set(key, {
              confirmed: held.confirmed - (wasConfirmed && held.confirmed > 0 ? 1 : 0),
              dismissed: held.dismissed + (wasDismissed ? 0 : 1),
            });
          }
          const dismissed = flags.map((f, i) =>
            i === index ? { ...f, status: 'dismissed' as const } : f,
          );
          expect(score(dismissed, precisionLookup(after))).toBeLessThanOrEqual(
            score(flags, precisionLookup(before)),
          );
        },
      ),
    );
  });

  it('counts confirmed flags fully, suggested ones by precision and dismissed ones not at all', () => {
    const base = {
      severity: 'high' as const,
      source: 'auto' as const,
      policyId: 'off-platform',
      ruleId: 'whatsapp',
      createdAt: new Date(NOW).toISOString(),
    };
    const lookup = lookupFrom({ 'off-platform:whatsapp': 0.25 });
    const { contributions } = riskScore(
      [
        { ...base, id: '01JAAAAAAAAAAAAAAAAAAAAAA1', status: 'confirmed' },
        { ...base, id: '01JAAAAAAAAAAAAAAAAAAAAAA2', status: 'suggested' },
        { ...base, id: '01JAAAAAAAAAAAAAAAAAAAAAA3', status: 'dismissed' },
      ],
      NOW,
      lookup,
    );
    expect(contributions.map((c) => [c.flagId, c.points])).toEqual([
      ['01JAAAAAAAAAAAAAAAAAAAAAA1', 35],
      ['01JAAAAAAAAAAAAAAAAAAAAAA2', 8.75],
    ]);
  });

  it('explains itself: contributions are ordered and add up to the points', () => {
    fc.assert(
      fc.property(flagsArb(), precisionsArb, (flags, table) => {
        const result = riskScore(flags, NOW, lookupFrom(table));
        const points = result.contributions.map((c) => c.points);
        expect(points).toEqual([...points].sort((a, b) => b - a));
        expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(result.points, 6);
        expect(result.contributions.every((c) => c.points > 0)).toBe(true);
      }),
    );
  });
});

describe('smoothed precision', () => {
  it('starts at the prior mean and approaches the observed rate with more decisions', () => {
    expect(smoothedPrecision(undefined)).toBe(0.5);
    expect(smoothedPrecision({ confirmed: 0, dismissed: 2 })).toBeCloseTo(1 / 3);
    expect(smoothedPrecision({ confirmed: 0, dismissed: 200 })).toBeLessThan(0.01);
    expect(smoothedPrecision({ confirmed: 90, dismissed: 10 })).toBeCloseTo(92 / 104);
  });

  it('stays within 0..1 and never rises with a dismissal', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (confirmed, dismissed) => {
        const p = smoothedPrecision({ confirmed, dismissed });
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
        expect(smoothedPrecision({ confirmed, dismissed: dismissed + 1 })).toBeLessThan(p);
      }),
    );
  });
});
