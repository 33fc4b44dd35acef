import { describe, expect, it } from 'vitest';
import {
  bandOf,
  DAY_MS,
  mergeRecords,
  precisionLookup,
  type RiskFlag,
  riskSeries,
  summarizeRisk,
} from '@/lib/shared/risk';
import { NOW } from './arbitraries';

const flag = (id: string, daysAgo: number, severity: RiskFlag['severity']): RiskFlag => ({
  id,
  severity,
  status: 'confirmed',
  source: 'manual',
  policyId: 'p',
  createdAt: new Date(NOW - daysAgo * DAY_MS).toISOString(),
});
const lookup = precisionLookup(new Map());

describe('bands and trend', () => {
  it('bands the score', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(bandOf)).toEqual([
      'low',
      'low',
      'elevated',
      'elevated',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('reads one fresh critical as high, two as critical', () => {
    expect(summarizeRisk([flag('A1', 0, 'critical')], NOW, lookup).band).toBe('high');
    const two = [flag('A1', 0, 'critical'), flag('A2', 1, 'critical')];
    expect(summarizeRisk(two, NOW, lookup).band).toBe('critical');
  });

  it('trends up after new flags, down as old ones age, flat when nothing changes much', () => {
    expect(summarizeRisk([flag('A1', 2, 'high')], NOW, lookup).trend).toBe('up');
    expect(summarizeRisk([flag('A1', 60, 'critical')], NOW, lookup).trend).toBe('down');
    expect(summarizeRisk([flag('A1', 400, 'low')], NOW, lookup).trend).toBe('flat');
    expect(summarizeRisk([], NOW, lookup)).toEqual({
      score: 0,
      band: 'low',
      trend: 'flat',
      previousScore: 0,
    });
  });

  it('draws a series that ends at the current score', () => {
    const flags = [flag('A1', 100, 'critical'), flag('A2', 10, 'high')];
    const series = riskSeries(flags, NOW, lookup, { spanDays: 180, points: 7 });
    expect(series).toHaveLength(7);
    expect(series[0]?.score).toBe(0);
    expect(series.at(-1)).toEqual({ at: NOW, score: summarizeRisk(flags, NOW, lookup).score });
  });
});

describe('merging local and remote records', () => {
  const rec = (id: string, revision: number, deleted = false, tag = '') => ({
    id,
    revision,
    deleted,
    tag,
  });

  it('keeps one copy per id, the higher revision, local on a tie; tombstones remove', () => {
    const merged = mergeRecords(
      [rec('A', 2, false, 'local'), rec('B', 1, false, 'local'), rec('C', 3, true, 'local')],
      [rec('A', 1, false, 'remote'), rec('B', 1, false, 'remote'), rec('C', 2, false, 'remote')],
    );
    expect(merged.map((m) => [m.record.id, m.source, m.record.revision])).toEqual([
      ['A', 'local', 2],
      ['B', 'local', 1],
    ]);
  });

  it('takes a newer remote revision and remote-only records', () => {
    const merged = mergeRecords([rec('A', 1)], [rec('A', 3), rec('D', 1)]);
    expect(merged.map((m) => [m.record.id, m.source, m.record.revision])).toEqual([
      ['A', 'remote', 3],
      ['D', 'remote', 1],
    ]);
  });
});
