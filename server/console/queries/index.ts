/**
 * The governance console's query layer: one function per view, each taking any Queryable
 * (the database, or a transaction) and an input its Zod schema validates. A bad filter value
 * throws ConsoleQueryError, whose message and `issues` name the value (send it as a 400).
 * Every view answers from indexes and the rollups of migration 007 (see BENCHMARKS.md).
 */
import type { Queryable } from '../../db/database';
import type {
  AgreementInput,
  CreatorViewInput,
  EscalationQueueInput,
  FlagQueueInput,
  PolicyMarketMetricsInput,
  ReviewerMetricsInput,
  RulePrecisionInput,
} from './inputs';
import type {
  AgreementView,
  CreatorView,
  EscalationQueueView,
  FlagQueueRow,
  Page,
  PolicyMarketDayRow,
  ReviewerMetricsRow,
  RulePrecisionView,
} from './rows';

export * from './inputs';
export type * from './rows';

const pending = (view: string): never => {
  throw new Error(`console query ${view} is not implemented yet`);
};

/** The team's flags, newest first (createdAt, then id), filtered, keyset paged. */
export async function flagQueue(
  _db: Queryable,
  _input: FlagQueueInput,
): Promise<Page<FlagQueueRow>> {
  return pending('flagQueue');
}

/** One creator across the team: records, totals and enforcement actions. */
export async function creatorView(_db: Queryable, _input: CreatorViewInput): Promise<CreatorView> {
  return pending('creatorView');
}

/** Flags per policy, market and UTC day in the range, by decision. */
export async function policyMarketMetrics(
  _db: Queryable,
  _input: PolicyMarketMetricsInput,
): Promise<PolicyMarketDayRow[]> {
  return pending('policyMarketMetrics');
}

/** Per reviewer: volume, confirmed, dismissed, median time to decision. */
export async function reviewerMetrics(
  _db: Queryable,
  _input: ReviewerMetricsInput,
): Promise<ReviewerMetricsRow[]> {
  return pending('reviewerMetrics');
}

/** Agreement rate and Cohen's kappa where two or more reviewers decided the same unit. */
export async function agreement(_db: Queryable, _input: AgreementInput): Promise<AgreementView> {
  return pending('agreement');
}

/** Team-wide precision per rule, and the rules to tighten. */
export async function rulePrecision(
  _db: Queryable,
  _input: RulePrecisionInput,
): Promise<RulePrecisionView> {
  return pending('rulePrecision');
}

/** The escalation queue of one state, oldest first, with counts per state. */
export async function escalationQueue(
  _db: Queryable,
  _input: EscalationQueueInput,
): Promise<EscalationQueueView> {
  return pending('escalationQueue');
}
