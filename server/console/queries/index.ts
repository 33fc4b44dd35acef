/**
 * The governance console's query layer: one function per view, each taking any Queryable
 * (the database, or a transaction) and an input its Zod schema validates. A bad filter value
 * throws ConsoleQueryError, whose message and `issues` name the value (send it as a 400).
 * Every view answers from migration 007's indexes and rollups (figures in BENCHMARKS.md).
 *
 * - flagQueue: the team's flags, newest first (createdAt, then id), filtered, keyset paged.
 * - creatorView: one creator across the team: records, totals and enforcement actions.
 * - policyMarketMetrics: flags per policy, market and UTC day in the range, by decision.
 * - reviewerMetrics: per reviewer: volume, confirmed, dismissed, median time to decision.
 * - agreement: agreement rate and Cohen's kappa where two or more reviewers decided the
 *   same item (under one policy) or the same rule.
 * - rulePrecision: team-wide precision per rule, and the rules to tighten.
 * - escalationQueue: the escalation queue of one state, oldest first, with counts per state.
 */
export { agreement } from './agreement';
export { creatorView } from './creator';
export { escalationQueue } from './escalations';
export { flagQueue } from './flag-queue';
export * from './inputs';
export { agreementStats, cohensKappa } from './kappa';
export { policyMarketMetrics, reviewerMetrics } from './metrics';
export { rulePrecision } from './precision';
export type * from './rows';
