/**
 * Where a flag ranks in the reviewer's queue, and why. Undecided flags come before decided
 * ones; among them the rank adds three parts a reviewer can check against the row: the
 * severity (the policy's judgement of the harm), the creator's risk score (what this
 * creator's history says), and how long the flag has waited (so nothing starves at the
 * bottom). Severity weighs most, 20 points a step (critical 60); the creator's risk adds up
 * to 40 (a score of 50 is worth one step of severity); waiting adds 2 a day for ten days.
 * Pure: the background supplies the risk scores and the clock.
 */
import type { FlagStatus, Severity } from '@/lib/shared/protocol/records';
import { DAY_MS } from './config';

export const QUEUE_SORTS = ['priority', 'newest', 'severity', 'risk'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Points per severity: one step of severity is worth a 50-point creator risk difference. */
export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  low: 0,
  medium: 20,
  high: 40,
  critical: 60,
};
/** The creator's 0–100 score counts for up to this many points. */
export const RISK_WEIGHT = 0.4;
/** Waiting adds this many points a day, up to AGE_CAP_DAYS. */
export const AGE_POINTS_PER_DAY = 2;
export const AGE_CAP_DAYS = 10;

export interface PriorityInput {
  status: FlagStatus;
  severity: Severity;
  createdAt: string;
  /** The creator's risk score, when the flag names a creator. */
  risk?: number | undefined;
}

/** The parts of a rank, so the panel can say why a row is where it is. */
export interface Priority {
  score: number;
  undecided: boolean;
  severityPoints: number;
  riskPoints: number;
  agePoints: number;
  ageDays: number;
}

export function priorityOf(flag: PriorityInput, now: number): Priority {
  const waitedMs = Math.max(0, now - Date.parse(flag.createdAt));
  const ageDays = Number.isFinite(waitedMs) ? Math.floor(waitedMs / DAY_MS) : 0;
  const severityPoints = SEVERITY_POINTS[flag.severity];
  const riskPoints = Math.round(Math.min(100, Math.max(0, flag.risk ?? 0)) * RISK_WEIGHT);
  const agePoints = Math.min(ageDays, AGE_CAP_DAYS) * AGE_POINTS_PER_DAY;
  return {
    score: severityPoints + riskPoints + agePoints,
    undecided: flag.status === 'suggested',
    severityPoints,
    riskPoints,
    agePoints,
    ageDays,
  };
}

export interface Ranked extends PriorityInput {
  id: string;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {
  low: 0,
  medium: 1,
  high: 2,
  critical: 3,
};

/** Newest first, ties by id (ids are time-ordered), as the unsorted queue runs. */
const newer = (a: Ranked, b: Ranked) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
const older = (a: Ranked, b: Ranked) => -newer(a, b);

/**
 * The comparator of a sort. Priority: undecided first, then the higher score, then the one
 * that waited longer. Severity and risk: the higher first, then newest.
 */
export function compareFor(sort: QueueSort, now: number): (a: Ranked, b: Ranked) => number {
  switch (sort) {
    case 'newest':
      return newer;
    case 'severity':
      return (a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || newer(a, b);
    case 'risk':
      return (a, b) =>
        (b.risk ?? -1) - (a.risk ?? -1) ||
        SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] ||
        newer(a, b);
    case 'priority': {
      const cache = new Map<Ranked, Priority>();
      const of = (flag: Ranked) => {
        const known = cache.get(flag);
        if (known) return known;
        const computed = priorityOf(flag, now);
        cache.set(flag, computed);
        return computed;
      };
      return (a, b) => {
        const pa = of(a);
        const pb = of(b);
        return Number(pb.undecided) - Number(pa.undecided) || pb.score - pa.score || older(a, b);
      };
    }
  }
}
