/**
 * Agreement between two raters on a yes/no decision (confirm or dismiss), and Cohen's
 * kappa: how much more they agree than two raters deciding at random with their own rates.
 * Pure, so it is tested against hand-worked tables (tests/server/console-kappa.test.ts).
 */
import type { AgreementStats, AgreementTable } from './rows';

export const emptyTable = (): AgreementTable => ({
  confirmedConfirmed: 0,
  confirmedDismissed: 0,
  dismissedConfirmed: 0,
  dismissedDismissed: 0,
});

export function addTables(a: AgreementTable, b: AgreementTable): AgreementTable {
  return {
    confirmedConfirmed: a.confirmedConfirmed + b.confirmedConfirmed,
    confirmedDismissed: a.confirmedDismissed + b.confirmedDismissed,
    dismissedConfirmed: a.dismissedConfirmed + b.dismissedConfirmed,
    dismissedDismissed: a.dismissedDismissed + b.dismissedDismissed,
  };
}

const pairsOf = (t: AgreementTable) =>
  t.confirmedConfirmed + t.confirmedDismissed + t.dismissedConfirmed + t.dismissedDismissed;

/**
 * kappa = (po - pe) / (1 - pe), po the observed agreement, pe the agreement expected by
 * chance from each rater's own confirm rate. Null without pairs, and when pe is 1 (both
 * raters always gave the one same answer: kappa is undefined there, not 1).
 */
export function cohensKappa(t: AgreementTable): number | null {
  for (const [cell, value] of Object.entries(t))
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${cell} must be a count (a whole number of at least 0), got ${value}`);
  const n = pairsOf(t);
  if (n === 0) return null;
  const observed = (t.confirmedConfirmed + t.dismissedDismissed) / n;
  const aConfirms = (t.confirmedConfirmed + t.confirmedDismissed) / n;
  const bConfirms = (t.confirmedConfirmed + t.dismissedConfirmed) / n;
  const chance = aConfirms * bConfirms + (1 - aConfirms) * (1 - bConfirms);
  if (chance >= 1) return null;
  return (observed - chance) / (1 - chance);
}

export function agreementStats(table: AgreementTable): AgreementStats {
  const pairs = pairsOf(table);
  const agreed = table.confirmedConfirmed + table.dismissedDismissed;
  return {
    pairs,
    agreed,
    agreementRate: pairs === 0 ? null : agreed / pairs,
    kappa: cohensKappa(table),
    table,
  };
}
