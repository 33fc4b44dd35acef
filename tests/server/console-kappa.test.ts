import { describe, expect, it } from 'vitest';
import { agreementStats, cohensKappa } from '@/server/console/queries';
import { addTables, emptyTable } from '@/server/console/queries/kappa';

const table = (cc: number, cd: number, dc: number, dd: number) => ({
  confirmedConfirmed: cc,
  confirmedDismissed: cd,
  dismissedConfirmed: dc,
  dismissedDismissed: dd,
});

describe("Cohen's kappa", () => {
  it('matches the hand-worked 50-item example', () => {
    // po = 35/50 = 0.7; A confirms 25/50, B 30/50: pe = 0.5*0.6 + 0.5*0.4 = 0.5;
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    expect(cohensKappa(table(20, 5, 10, 15))).toBeCloseTo(0.4, 12);
  });

  it('matches the hand-worked 100-item example with unequal rates', () => {
    // po = 60/100; A confirms 0.6, B 0.7: pe = 0.42 + 0.12 = 0.54; kappa = 0.06/0.46.
    expect(cohensKappa(table(45, 15, 25, 15))).toBeCloseTo(0.06 / 0.46, 12);
  });

  it('is 1 for perfect agreement, -1 for perfect disagreement at even rates, 0 at chance', () => {
    expect(cohensKappa(table(10, 0, 0, 10))).toBe(1);
    expect(cohensKappa(table(0, 5, 5, 0))).toBe(-1);
    // Independent raters who each confirm half the time: po = pe = 0.5.
    expect(cohensKappa(table(5, 5, 5, 5))).toBe(0);
  });

  it('is undefined (null) without pairs, and when both always gave the same one answer', () => {
    expect(cohensKappa(emptyTable())).toBeNull();
    expect(cohensKappa(table(10, 0, 0, 0))).toBeNull();
    expect(cohensKappa(table(0, 0, 0, 7))).toBeNull();
  });

  it('refuses cells that are not counts, naming the cell', () => {
    expect(() => cohensKappa(table(1, -1, 0, 0))).toThrow(/confirmedDismissed must be a count/);
    expect(() => cohensKappa(table(1, 0, 0.5, 0))).toThrow(/dismissedConfirmed/);
  });

  it('reports pairs, agreement rate and kappa together, and tables add cell by cell', () => {
    const stats = agreementStats(addTables(table(20, 5, 0, 0), table(0, 0, 10, 15)));
    expect(stats).toMatchObject({ pairs: 50, agreed: 35, table: table(20, 5, 10, 15) });
    expect(stats.agreementRate).toBeCloseTo(0.7, 12);
    expect(stats.kappa).toBeCloseTo(0.4, 12);
    expect(agreementStats(emptyTable())).toMatchObject({ pairs: 0, agreementRate: null });
  });
});
