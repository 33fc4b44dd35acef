/**
 * Team-wide rule precision, confirmed / (confirmed + dismissed) per rule, from the
 * console_rule_days rollup (migration 007), and the rules to tighten: below the threshold
 * over enough decisions to say so.
 */
import type { Queryable } from '../../db/database';
import { parseInput, type RulePrecisionInput, rulePrecisionInputSchema } from './inputs';
import type { RulePrecisionRow, RulePrecisionView } from './rows';
import { num, Where } from './sql';

export async function rulePrecision(
  db: Queryable,
  input: RulePrecisionInput,
): Promise<RulePrecisionView> {
  const f = parseInput(rulePrecisionInputSchema, input);
  const where = new Where()
    .add(f.from, (p) => `day >= console_day(${p}::timestamptz)`)
    .add(f.to, (p) => `day <= console_day(${p}::timestamptz - interval '1 microsecond')`)
    .add(f.policy, (p) => `policy_id = ${p}`);
  const { rows } = await db.query<{
    policy_id: string;
    rule_id: string;
    suggested: string | null;
    confirmed: string | null;
    dismissed: string | null;
  }>(
    `select policy_id, rule_id,
            sum(suggested) as suggested, sum(confirmed) as confirmed,
            sum(dismissed) as dismissed
       from console_rule_days ${where.sql}
      group by policy_id, rule_id
     having sum(flags) > 0`,
    where.params,
  );
  const rules: RulePrecisionRow[] = rows.map((row) => {
    const confirmed = num(row.confirmed);
    const dismissed = num(row.dismissed);
    const decided = confirmed + dismissed;
    const precision = decided === 0 ? null : confirmed / decided;
    return {
      policyId: row.policy_id,
      ruleId: row.rule_id,
      suggested: num(row.suggested),
      confirmed,
      dismissed,
      precision,
      tighten: precision !== null && decided >= f.minDecisions && precision < f.tightenBelow,
    };
  });
  rules.sort(
    (a, b) =>
      (a.precision ?? 2) - (b.precision ?? 2) ||
      a.policyId.localeCompare(b.policyId) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { rules, toTighten: rules.filter((r) => r.tighten) };
}
