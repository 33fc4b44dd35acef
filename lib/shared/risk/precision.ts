/**
 * A rule's measured precision: how often reviewers confirm what it finds. Smoothed with a
 * Beta prior so that a rule with two decisions is not judged "0% precise" on them: the
 * estimate starts at the prior mean and moves towards the observed rate as decisions add
 * up (the posterior mean of Beta(alpha + confirmed, beta + dismissed)).
 */

export interface PrecisionPrior {
  /** Pseudo-confirmations before any decision. */
  alpha: number;
  /** Pseudo-dismissals before any decision. */
  beta: number;
}

/** Mean 0.5 worth 4 decisions: neutral, and outweighed after a handful of real ones. */
export const DEFAULT_PRIOR: PrecisionPrior = { alpha: 2, beta: 2 };

export interface RuleDecisions {
  confirmed: number;
  dismissed: number;
}

export function smoothedPrecision(
  decisions: RuleDecisions | undefined,
  prior: PrecisionPrior = DEFAULT_PRIOR,
): number {
  const confirmed = Math.max(0, decisions?.confirmed ?? 0);
  const dismissed = Math.max(0, decisions?.dismissed ?? 0);
  return (confirmed + prior.alpha) / (confirmed + dismissed + prior.alpha + prior.beta);
}

export const ruleKeyOf = (policyId: string, ruleId: string) => `${policyId}:${ruleId}`;

/** Precision by rule, for the score: unknown rules (and manual flags) get the prior mean. */
export type PrecisionLookup = (policyId: string, ruleId: string | undefined) => number;

export function precisionLookup(
  stats: ReadonlyMap<string, RuleDecisions>,
  prior: PrecisionPrior = DEFAULT_PRIOR,
): PrecisionLookup {
  return (policyId, ruleId) =>
    smoothedPrecision(ruleId ? stats.get(ruleKeyOf(policyId, ruleId)) : undefined, prior);
}
