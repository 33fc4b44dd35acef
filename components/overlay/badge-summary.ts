/**
 * What the badge says: how many things on the item still want the reviewer's eye (rule
 * findings not yet decided, and flags still only suggested; the learned scorer's suggested
 * findings show on the card only) and the worst severity among them; once
 * nothing is left, that the item is done and how (confirmed, or all dismissed).
 */
import { SEVERITY_ORDER, type Severity } from './flag-form';

export interface SummaryFinding {
  policyId: string;
  ruleId: string;
  severity: Severity;
  /** The learned scorer's suggestion, not a rule match: the badge leaves it out. */
  suggested?: unknown;
}
export interface SummaryFlag {
  policyId: string;
  ruleId?: string | undefined;
  severity: Severity;
  source?: 'auto' | 'manual';
  status: 'suggested' | 'confirmed' | 'dismissed';
  deleted?: boolean;
}

/**
 * The live flag that records the reviewer's decision on a finding, if any: the automatic
 * flag of its policy and rule, else a manual flag for its policy (naming no rule, or the
 * same one): flagging by hand what the pack found decides the finding, so the badge counts
 * it once.
 */
export function decisionOf<F extends SummaryFlag>(
  finding: SummaryFinding,
  flags: readonly F[],
): F | undefined {
  const live = flags.filter((flag) => !flag.deleted && flag.policyId === finding.policyId);
  return (
    live.find((flag) => flag.source === 'auto' && flag.ruleId === finding.ruleId) ??
    live.find(
      (flag) =>
        flag.source !== 'auto' && (flag.ruleId === undefined || flag.ruleId === finding.ruleId),
    )
  );
}

export interface BadgeSummary {
  /** Findings without a decision plus flags still only suggested. */
  count: number;
  /** The worst severity among those, undefined when nothing is left to review. */
  worst: Severity | undefined;
  /**
   * Nothing left to review and something was decided: `confirmed` if any live flag stands
   * (confirmed), `dismissed` if every decision dismissed.
   */
  done: 'confirmed' | 'dismissed' | undefined;
}

export function summarise(
  findings: readonly SummaryFinding[],
  flags: readonly SummaryFlag[],
): BadgeSummary {
  const live = flags.filter((flag) => !flag.deleted);
  const severities = [
    ...findings
      .filter((finding) => !finding.suggested && !decisionOf(finding, live))
      .map((f) => f.severity),
    ...live.filter((flag) => flag.status === 'suggested').map((f) => f.severity),
  ];
  let worst: Severity | undefined;
  for (const severity of severities)
    if (!worst || SEVERITY_ORDER.indexOf(severity) > SEVERITY_ORDER.indexOf(worst))
      worst = severity;
  const done =
    severities.length > 0 || live.length === 0
      ? undefined
      : live.some((flag) => flag.status === 'confirmed')
        ? 'confirmed'
        : 'dismissed';
  return { count: severities.length, worst, done };
}
