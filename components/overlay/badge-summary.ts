/**
 * What the badge says: how many things on the item want the reviewer's eye (findings not
 * yet decided, plus live flags that are not dismissed) and the worst severity among them.
 */
import { SEVERITY_ORDER, type Severity } from './flag-form';

export interface SummaryFinding {
  policyId: string;
  ruleId: string;
  severity: Severity;
}
export interface SummaryFlag {
  policyId: string;
  ruleId?: string | undefined;
  severity: Severity;
  source?: 'auto' | 'manual';
  status: 'suggested' | 'confirmed' | 'dismissed';
  deleted?: boolean;
}

/** The live automatic flag that records the reviewer's decision on a finding, if any. */
export function decisionOf<F extends SummaryFlag>(
  finding: SummaryFinding,
  flags: readonly F[],
): F | undefined {
  return flags.find(
    (flag) =>
      !flag.deleted &&
      flag.source === 'auto' &&
      flag.policyId === finding.policyId &&
      flag.ruleId === finding.ruleId,
  );
}

export interface BadgeSummary {
  count: number;
  worst: Severity | undefined;
}

export function summarise(
  findings: readonly SummaryFinding[],
  flags: readonly SummaryFlag[],
): BadgeSummary {
  const severities = [
    ...findings.filter((finding) => !decisionOf(finding, flags)).map((f) => f.severity),
    ...flags.filter((flag) => !flag.deleted && flag.status !== 'dismissed').map((f) => f.severity),
  ];
  let worst: Severity | undefined;
  for (const severity of severities)
    if (!worst || SEVERITY_ORDER.indexOf(severity) > SEVERITY_ORDER.indexOf(worst))
      worst = severity;
  return { count: severities.length, worst };
}
