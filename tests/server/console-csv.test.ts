/** The console's CSV cells and its metric groupings, as pure functions. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/shared/exchange/csv';
import { toCsv } from '@/server/console/csv';
import { groupMetrics } from '@/server/console/routes';

describe('console CSV', () => {
  it('guards formula cells, keeps numbers and Thai text, round-trips through the reader', () => {
    const text = toCsv(
      ['who', 'count', 'note'],
      [
        ['=cmd()', -3, 'ของแท้ 100%, "ส่งฟรี"'],
        ['@lena', 0.4, null],
      ],
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text).map((r) => r.fields);
    expect(rows).toEqual([
      ['who', 'count', 'note'],
      ["'=cmd()", '-3', 'ของแท้ 100%, "ส่งฟรี"'],
      ["'@lena", '0.4', ''],
    ]);
  });
});

describe('metrics groups', () => {
  const row = (day: string, policyId: string, market: 'TH' | 'VN', flags: number) => ({
    day,
    policyId,
    market,
    flags,
    suggested: flags - 1,
    confirmed: 1,
    dismissed: 0,
  });
  const rows = [
    row('2026-12-01', 'a', 'TH', 2),
    row('2026-12-01', 'b', 'VN', 5),
    row('2026-12-02', 'a', 'VN', 3),
  ];
  it('sums over the other two dimensions', () => {
    expect(groupMetrics(rows, 'policy').map((r) => [r.policyId, r.flags, r.confirmed])).toEqual([
      ['a', 5, 2],
      ['b', 5, 1],
    ]);
    expect(groupMetrics(rows, 'market').map((r) => [r.market, r.flags])).toEqual([
      ['VN', 8],
      ['TH', 2],
    ]);
    expect(groupMetrics(rows, 'day').map((r) => [r.day, r.flags])).toEqual([
      ['2026-12-01', 7],
      ['2026-12-02', 3],
    ]);
    expect(groupMetrics(rows, 'all')).toBe(rows);
  });
});
