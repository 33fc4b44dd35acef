/** What the console views return: plain JSON-ready rows (times as ISO 8601 strings). */
import type { Escalation, EscalationState } from '@/lib/shared/protocol/escalations';
import type { EnforcementAction } from '@/lib/shared/protocol/history';
import type {
  ContentKind,
  Flag,
  FlagStatus,
  Market,
  Note,
  Severity,
} from '@/lib/shared/protocol/records';

/** One flag in the team's queue. */
export interface FlagQueueRow {
  id: string;
  reviewer: string;
  createdAt: string;
  updatedAt: string;
  policyId: string;
  ruleId: string | null;
  severity: Severity;
  status: FlagStatus;
  market: Market | null;
  platform: string;
  kind: ContentKind;
  itemId: string;
  url: string;
  creatorId: string | null;
  creatorHandle: string | null;
  title: string | null;
}

export interface Page<Row> {
  rows: Row[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DecisionCounts {
  flags: number;
  suggested: number;
  confirmed: number;
  dismissed: number;
}

/** A creator across the team. */
export interface CreatorView {
  creator: { platform: string; creatorId: string; handle: string | null };
  /** Every live flag, by status, and how many reviewers flagged the creator. */
  totals: DecisionCounts & { notes: number; reviewers: number };
  /** The most recent live flags and notes (up to `limit` of each), newest first. */
  flags: Flag[];
  notes: Note[];
  /** Every enforcement action, newest first. */
  actions: EnforcementAction[];
}

export interface PolicyMarketDayRow extends DecisionCounts {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  policyId: string;
  market: Market | null;
}

export interface ReviewerMetricsRow extends DecisionCounts {
  reviewer: string;
  /** Median seconds from a flag's creation to its last update, over decided flags. */
  medianDecisionSeconds: number | null;
}

/** Decisions of two reviewers on the units both decided: rows reviewer A, columns B. */
export interface AgreementTable {
  confirmedConfirmed: number;
  confirmedDismissed: number;
  dismissedConfirmed: number;
  dismissedDismissed: number;
}

export interface AgreementStats {
  /** Pairs of decisions on one unit by two reviewers. */
  pairs: number;
  agreed: number;
  /** agreed / pairs; null without pairs. */
  agreementRate: number | null;
  /** Cohen's kappa of the table; null when undefined (no pairs, or chance agreement is 1). */
  kappa: number | null;
  table: AgreementTable;
}

export interface AgreementView {
  by: 'item' | 'rule';
  /**
   * Units (an item under one policy, or under one rule) decided by two or more reviewers,
   * counted on the UTC day they first had two decisions.
   */
  units: number;
  overall: AgreementStats;
  /** Per policy (by item) or per rule (by rule). */
  groups: Array<AgreementStats & { key: string; units: number }>;
  /** Reviewer pairs, most pairs of decisions first. */
  reviewerPairs: Array<AgreementStats & { reviewerA: string; reviewerB: string }>;
}

export interface RulePrecisionRow {
  policyId: string;
  ruleId: string;
  suggested: number;
  confirmed: number;
  dismissed: number;
  /** confirmed / (confirmed + dismissed); null before any decision. */
  precision: number | null;
  /** Below the threshold over enough decisions. */
  tighten: boolean;
}

export interface RulePrecisionView {
  /** Every rule with a flag in the range, lowest precision first. */
  rules: RulePrecisionRow[];
  /** The rules to tighten, lowest precision first. */
  toTighten: RulePrecisionRow[];
}

export interface EscalationQueueRow extends Escalation {
  /** At query time: past the acknowledge or resolve deadline while still owed. */
  acknowledgeOverdue: boolean;
  resolveOverdue: boolean;
}

export interface EscalationQueueView extends Page<EscalationQueueRow> {
  /** How many escalations are in each state (the tabs). */
  counts: Record<EscalationState, number>;
  /** The time the overdue flags were judged at. */
  now: string;
}
