/**
 * Agreement where two or more reviewers decided the same item under the same policy (or
 * the same rule): from the console_agreement_pairs rollup (migration 007), every pair of
 * decisions counted by how each reviewer decided; the rate and kappa come from kappa.ts.
 */
import type { Queryable } from '../../db/database';
import { type AgreementInput, agreementInputSchema, parseInput } from './inputs';
import { agreementStats, emptyTable } from './kappa';
import type { AgreementTable, AgreementView } from './rows';
import { num, Where } from './sql';

interface Cells {
  cc: string | null;
  cd: string | null;
  dc: string | null;
  dd: string | null;
}
interface GroupRow extends Cells {
  overall: number;
  group_key: string | null;
  units: string;
}
interface PairRow extends Cells {
  reviewer_a: string;
  reviewer_b: string;
}

const tableOf = (row: Cells): AgreementTable => ({
  confirmedConfirmed: num(row.cc),
  confirmedDismissed: num(row.cd),
  dismissedConfirmed: num(row.dc),
  dismissedDismissed: num(row.dd),
});

export async function agreement(db: Queryable, input: AgreementInput): Promise<AgreementView> {
  const f = parseInput(agreementInputSchema, input);
  const where = new Where()
    .add(f.by, (p) => `kind = ${p}`)
    .add(f.from, (p) => `day >= console_day(${p}::timestamptz)`)
    .add(f.to, (p) => `day <= console_day(${p}::timestamptz - interval '1 microsecond')`)
    .add(f.policy, (p) => `policy_id = ${p}`)
    .add(f.market, (p) => `market = ${p}`);
  const cells = `sum(pairs) filter (where a_confirmed and b_confirmed) as cc,
            sum(pairs) filter (where a_confirmed and not b_confirmed) as cd,
            sum(pairs) filter (where not a_confirmed and b_confirmed) as dc,
            sum(pairs) filter (where not a_confirmed and not b_confirmed) as dd`;
  const minShared = where.param(f.minShared);
  const limit = where.param(f.limit);
  // Two index-only scans of console_agreement_by_day: overall and per group in one pass
  // (a group_key of null is the overall row), and the reviewer pairs with most pairs.
  const totals = await db.query<GroupRow>(
    `select grouping(group_key) as overall, group_key,
              count(*) filter (where first_of_unit) as units, ${cells}
         from console_agreement_pairs ${where.sql}
        group by grouping sets ((), (group_key))`,
    where.params.slice(0, -2),
  );
  const pairs = await db.query<PairRow>(
    `select reviewer_a, reviewer_b, ${cells}
         from console_agreement_pairs ${where.sql}
        group by reviewer_a, reviewer_b having sum(pairs) >= ${minShared}
        order by sum(pairs) desc, reviewer_a, reviewer_b limit ${limit}`,
    where.params,
  );
  const overallRow = totals.rows.find((r) => r.overall === 1);
  const groups = totals.rows
    .filter((r) => r.overall === 0 && r.group_key !== null)
    .map((r) => ({ key: r.group_key ?? '', units: num(r.units), ...agreementStats(tableOf(r)) }))
    .sort((a, b) => b.units - a.units || a.key.localeCompare(b.key));
  const reviewerPairs = pairs.rows.map((r) => ({
    reviewerA: r.reviewer_a,
    reviewerB: r.reviewer_b,
    ...agreementStats(tableOf(r)),
  }));
  const overallTable: AgreementTable = overallRow ? tableOf(overallRow) : emptyTable();
  return {
    by: f.by,
    units: overallRow ? num(overallRow.units) : 0,
    overall: agreementStats(overallTable),
    groups,
    reviewerPairs,
  };
}
