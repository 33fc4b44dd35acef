import { describe, expect, it } from 'vitest';
import type { Severity } from '@/lib/shared/protocol/records';
import { compareFor, priorityOf, type Ranked } from '@/lib/shared/risk/queue-priority';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const flag = (
  id: string,
  severity: Severity,
  options: { risk?: number; days?: number; status?: Ranked['status'] } = {},
): Ranked => ({
  id,
  severity,
  status: options.status ?? 'suggested',
  createdAt: daysAgo(options.days ?? 0),
  risk: options.risk,
});
const order = (sort: Parameters<typeof compareFor>[0], flags: Ranked[]) =>
  [...flags].sort(compareFor(sort, NOW)).map((f) => f.id);

describe('priorityOf', () => {
  it('adds severity, creator risk and waiting time, and keeps the parts', () => {
    expect(priorityOf(flag('a', 'high', { risk: 97, days: 3 }), NOW)).toEqual({
      score: 40 + 39 + 6,
      undecided: true,
      severityPoints: 40,
      riskPoints: 39,
      agePoints: 6,
      ageDays: 3,
    });
  });

  it('caps waiting at ten days and reads a missing risk as none', () => {
    const old = priorityOf(flag('a', 'low', { days: 400 }), NOW);
    expect(old.agePoints).toBe(20);
    expect(old.riskPoints).toBe(0);
    expect(old.ageDays).toBe(400);
  });

  it('treats a creation time in the future as not yet waiting', () => {
    expect(priorityOf(flag('a', 'low', { days: -2 }), NOW).agePoints).toBe(0);
  });
});

describe('compareFor', () => {
  const flags = [
    flag('low-risky', 'low', { risk: 95 }),
    flag('critical-clean', 'critical'),
    flag('high-risky', 'high', { risk: 90 }),
    flag('high-unknown', 'high'),
    flag('critical-done', 'critical', { status: 'confirmed', risk: 100 }),
    flag('medium-old', 'medium', { days: 30 }),
  ];

  it('priority: undecided first, severity dominating, risk and age breaking near ties', () => {
    expect(order('priority', flags)).toEqual([
      'high-risky', // 40 + 36: a risk of 90 is worth more than one severity step
      'critical-clean', // 60
      'medium-old', // 20 + 20, waited longest of the 40s
      'high-unknown', // 40
      'low-risky', // 0 + 38: no creator risk lifts low above high
      'critical-done', // decided: last
    ]);
  });

  it('priority: equal scores put the longer-waiting flag first', () => {
    expect(order('priority', [flag('new', 'high'), flag('old', 'high', { days: 0.5 })])).toEqual([
      'old',
      'new',
    ]);
  });

  it('severity: worst first, newest within a severity', () => {
    expect(
      order('severity', [
        flag('h-old', 'high', { days: 2 }),
        flag('c', 'critical', { days: 9 }),
        flag('h-new', 'high', { days: 1 }),
        flag('l', 'low'),
      ]),
    ).toEqual(['c', 'h-new', 'h-old', 'l']);
  });

  it('risk: riskiest creator first, flags without a creator last', () => {
    expect(
      order('risk', [
        flag('none', 'critical'),
        flag('r10', 'low', { risk: 10 }),
        flag('r90', 'low', { risk: 90 }),
        flag('r90-high', 'high', { risk: 90 }),
      ]),
    ).toEqual(['r90-high', 'r90', 'r10', 'none']);
  });

  it('newest: creation time, then id', () => {
    expect(
      order('newest', [flag('a', 'low', { days: 1 }), flag('c', 'low'), flag('b', 'low')]),
    ).toEqual(['c', 'b', 'a']);
  });
});
