/**
 * The creator risk score: 0 to 100, from the creator's flags. Each flag contributes
 * severity points x confidence x decay, where confidence is 1 for a confirmed flag, the
 * rule's measured precision for a suggested one and 0 for a dismissed one, and decay halves
 * the weight every half-life. The points saturate into 0..100 (1 - e^-x), so the score is
 * bounded and every extra flag still moves it a little.
 *
 * Contributions are summed as integer micro-points: the sum is then exact and does not
 * depend on the order of the flags, so the same flags always give the same score and adding
 * a flag can never lower it by a rounding accident.
 */
import type { FlagSource, FlagStatus, Severity } from '@/lib/shared/protocol/records';
import { DAY_MS, DEFAULT_RISK_CONFIG, type RiskConfig } from './config';
import type { PrecisionLookup } from './precision';

/** What the score needs of a flag (a protocol Flag has all of it). */
export interface RiskFlag {
  id: string;
  severity: Severity;
  status: FlagStatus;
  source: FlagSource;
  policyId: string;
  ruleId?: string | undefined;
  createdAt: string;
}

export interface Contribution {
  flagId: string;
  /** Severity points before confidence and decay. */
  severityPoints: number;
  /** 1 (confirmed), the rule's precision (suggested) or 0 (dismissed). */
  confidence: number;
  /** 1 for a fresh flag, 0.5 after one half-life. */
  decay: number;
  points: number;
}

export interface RiskScore {
  score: number;
  points: number;
  /** Flags with a positive contribution, largest first (ties by id, for determinism). */
  contributions: Contribution[];
}

const MICRO = 1e9;

export function confidenceOf(flag: RiskFlag, precision: PrecisionLookup): number {
  if (flag.status === 'confirmed') return 1;
  if (flag.status === 'dismissed') return 0;
  return Math.min(1, Math.max(0, precision(flag.policyId, flag.ruleId)));
}

/** A flag dated in the future (a skewed clock) counts as fresh, never as fresher. */
export function decayOf(createdAt: string, now: number, halfLifeDays: number): number {
  const created = Date.parse(createdAt);
  const ageDays = Number.isFinite(created) ? Math.max(0, now - created) / DAY_MS : 0;
  return 0.5 ** (ageDays / halfLifeDays);
}

export function contributionOf(
  flag: RiskFlag,
  now: number,
  precision: PrecisionLookup,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): Contribution {
  const severityPoints = config.severityPoints[flag.severity];
  const confidence = confidenceOf(flag, precision);
  const decay = decayOf(flag.createdAt, now, config.halfLifeDays);
  const points = Math.round(severityPoints * confidence * decay * MICRO) / MICRO;
  return { flagId: flag.id, severityPoints, confidence, decay, points };
}

export function scoreFromPoints(points: number, config: RiskConfig = DEFAULT_RISK_CONFIG): number {
  if (!(points > 0)) return 0;
  return Math.round(100 * (1 - Math.exp(-points / config.saturationPoints)));
}

const byContribution = (a: Contribution, b: Contribution) =>
  b.points - a.points || (a.flagId < b.flagId ? -1 : a.flagId > b.flagId ? 1 : 0);

export function riskScore(
  flags: readonly RiskFlag[],
  now: number,
  precision: PrecisionLookup,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): RiskScore {
  let micro = 0;
  const contributions: Contribution[] = [];
  for (const flag of flags) {
    const contribution = contributionOf(flag, now, precision, config);
    if (contribution.points <= 0) continue;
    micro += Math.round(contribution.points * MICRO);
    contributions.push(contribution);
  }
  contributions.sort(byContribution);
  const points = micro / MICRO;
  return { score: scoreFromPoints(points, config), points, contributions };
}
