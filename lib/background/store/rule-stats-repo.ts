/**
 * Per-rule confirm/dismiss counts, from which lib/shared/risk derives each automatic rule's
 * precision. A count moves whenever a decision on an automatic finding is made, changed or
 * withdrawn (the flag deleted), so it always equals the decisions standing in the database.
 */
import type { FlagStatus } from '@/lib/shared/protocol/records';
import { type RuleDecisions, ruleKeyOf, smoothedPrecision } from '@/lib/shared/risk/precision';
import type { FlagpostDb, RuleStatsRow, StoredFlag } from './db';

type Decision = Extract<FlagStatus, 'confirmed' | 'dismissed'>;

const asDecision = (status: FlagStatus | undefined): Decision | undefined =>
  status === 'confirmed' || status === 'dismissed' ? status : undefined;

const standing = (flag: StoredFlag | undefined): Decision | undefined =>
  flag && !flag.deleted ? asDecision(flag.status) : undefined;

/**
 * The hook for the flag repository: call with the flag as it was (undefined on create) and
 * as it is now, inside the same transaction as the write (it must include db.ruleStats), so
 * the flag and its rule's counts change together or not at all. Manual flags and findings
 * without a rule are not decisions on a rule, so they leave the counts alone.
 */
export function applyRuleDecision(
  db: FlagpostDb,
  before: StoredFlag | undefined,
  after: StoredFlag,
): Promise<void> {
  return applyRuleDecisions(db, [[before, after]]);
}

/**
 * `applyRuleDecision` for many writes at once (an import, a bulk action): the changes are
 * summed per rule in memory and each rule's row is read and written once, so two writes on
 * one rule in the same batch cannot both start from the same old count. Pairs are (before,
 * after), in write order; runs in the caller's transaction (with db.ruleStats).
 */
export async function applyRuleDecisions(
  db: FlagpostDb,
  writes: ReadonlyArray<readonly [StoredFlag | undefined, StoredFlag]>,
): Promise<void> {
  const deltas = new Map<
    string,
    { policyId: string; ruleId: string; confirmed: number; dismissed: number; at: string }
  >();
  for (const [before, after] of writes) {
    if (after.source !== 'auto' || !after.ruleId) continue;
    const from = standing(before);
    const to = standing(after);
    if (from === to) continue;
    const ruleKey = ruleKeyOf(after.policyId, after.ruleId);
    const delta = deltas.get(ruleKey) ?? {
      policyId: after.policyId,
      ruleId: after.ruleId,
      confirmed: 0,
      dismissed: 0,
      at: after.updatedAt,
    };
    if (from) delta[from] -= 1;
    if (to) delta[to] += 1;
    if (after.updatedAt > delta.at) delta.at = after.updatedAt;
    deltas.set(ruleKey, delta);
  }
  if (deltas.size === 0) return;
  await db.transaction('rw', db.ruleStats, async () => {
    const keys = [...deltas.keys()];
    const rows = await db.ruleStats.bulkGet(keys);
    const puts = keys.map((ruleKey, i): RuleStatsRow => {
      const delta = deltas.get(ruleKey)!;
      const row = rows[i] ?? {
        ruleKey,
        policyId: delta.policyId,
        ruleId: delta.ruleId,
        confirmed: 0,
        dismissed: 0,
        updatedAt: delta.at,
      };
      return {
        ...row,
        confirmed: Math.max(0, row.confirmed + delta.confirmed),
        dismissed: Math.max(0, row.dismissed + delta.dismissed),
        updatedAt: delta.at > row.updatedAt ? delta.at : row.updatedAt,
      };
    });
    await db.ruleStats.bulkPut(puts);
  });
}

export interface RulePrecision extends RuleDecisions {
  policyId: string;
  ruleId: string;
  precision: number;
  decisions: number;
}

/** Counts for the given rule keys (`policyId:ruleId`); absent rules have none. */
export async function ruleDecisions(
  db: FlagpostDb,
  ruleKeys: readonly string[],
): Promise<Map<string, RuleDecisions>> {
  const unique = [...new Set(ruleKeys)];
  const rows = await db.ruleStats.bulkGet(unique);
  const found = new Map<string, RuleDecisions>();
  for (const row of rows) if (row) found.set(row.ruleKey, row);
  return found;
}

export async function rulePrecisions(
  db: FlagpostDb,
  rules: ReadonlyArray<{ policyId: string; ruleId: string }>,
): Promise<RulePrecision[]> {
  const counts = await ruleDecisions(
    db,
    rules.map((r) => ruleKeyOf(r.policyId, r.ruleId)),
  );
  return rules.map(({ policyId, ruleId }) => {
    const decisions = counts.get(ruleKeyOf(policyId, ruleId)) ?? { confirmed: 0, dismissed: 0 };
    return {
      policyId,
      ruleId,
      confirmed: decisions.confirmed,
      dismissed: decisions.dismissed,
      decisions: decisions.confirmed + decisions.dismissed,
      precision: smoothedPrecision(decisions),
    };
  });
}
