/**
 * The knobs of the creator risk score. Defaults are chosen so that one fresh confirmed
 * critical flag reads "high", two read "critical", and a flag a year old weighs about a
 * sixteenth of a fresh one: old behaviour still shows, but a creator can recover.
 */
import type { Severity } from '@/lib/shared/protocol/records';

export interface RiskConfig {
  /** Days after which a flag weighs half as much. */
  halfLifeDays: number;
  /** Points of a fresh, confirmed flag of each severity. */
  severityPoints: Record<Severity, number>;
  /** Points at which the score reaches 63 (1 - 1/e): the saturation's speed. */
  saturationPoints: number;
  /** The trend compares the score now with the score this many days ago. */
  trendWindowDays: number;
  /** A change smaller than this many score points is "flat". */
  trendThreshold: number;
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  halfLifeDays: 90,
  severityPoints: { low: 5, medium: 15, high: 35, critical: 60 },
  saturationPoints: 50,
  trendWindowDays: 30,
  trendThreshold: 5,
};

export const DAY_MS = 86_400_000;
