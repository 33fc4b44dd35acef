/** Reading a score at a glance: its band, and where it is heading. */
import { DAY_MS, DEFAULT_RISK_CONFIG, type RiskConfig } from './config';
import type { PrecisionLookup } from './precision';
import { type RiskFlag, riskScore } from './score';

export const RISK_BANDS = ['low', 'elevated', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];
export const RISK_TRENDS = ['up', 'flat', 'down'] as const;
export type RiskTrend = (typeof RISK_TRENDS)[number];

/** Lower bounds of each band above "low". */
export const BAND_FLOORS = { elevated: 25, high: 50, critical: 75 } as const;

export function bandOf(score: number): RiskBand {
  if (score >= BAND_FLOORS.critical) return 'critical';
  if (score >= BAND_FLOORS.high) return 'high';
  if (score >= BAND_FLOORS.elevated) return 'elevated';
  return 'low';
}

export function trendOf(
  scoreNow: number,
  scoreBefore: number,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): RiskTrend {
  const change = scoreNow - scoreBefore;
  if (change >= config.trendThreshold) return 'up';
  if (change <= -config.trendThreshold) return 'down';
  return 'flat';
}

/** The score as it stood at `at`, from the flags that existed then (with today's status). */
export function scoreAt(
  flags: readonly RiskFlag[],
  at: number,
  precision: PrecisionLookup,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): number {
  const existing = flags.filter((flag) => Date.parse(flag.createdAt) <= at);
  return riskScore(existing, at, precision, config).score;
}

export interface RiskSummary {
  score: number;
  band: RiskBand;
  trend: RiskTrend;
  /** The score one trend window ago, which the trend compares against. */
  previousScore: number;
}

export function summarizeRisk(
  flags: readonly RiskFlag[],
  now: number,
  precision: PrecisionLookup,
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): RiskSummary {
  const { score } = riskScore(flags, now, precision, config);
  const previousScore = scoreAt(flags, now - config.trendWindowDays * DAY_MS, precision, config);
  return {
    score,
    band: bandOf(score),
    trend: trendOf(score, previousScore, config),
    previousScore,
  };
}

/** Evenly spaced scores over `spanDays` up to now, oldest first, for a small chart. */
export function riskSeries(
  flags: readonly RiskFlag[],
  now: number,
  precision: PrecisionLookup,
  options: { spanDays?: number; points?: number } = {},
  config: RiskConfig = DEFAULT_RISK_CONFIG,
): Array<{ at: number; score: number }> {
  const spanMs = (options.spanDays ?? 180) * DAY_MS;
  const count = Math.max(2, options.points ?? 13);
  return Array.from({ length: count }, (_, i) => {
    const at = now - spanMs + (spanMs * i) / (count - 1);
    return { at, score: scoreAt(flags, at, precision, config) };
  });
}
