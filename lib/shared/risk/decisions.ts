/**
 * What leads and the governance system decided about a creator, as one list for the creator
 * page and the risk explanation: the outcomes of the escalations this reviewer sent about
 * the creator's items, and the enforcement actions on the creator. An action recorded by an
 * escalation's resolution appears once, as that escalation's outcome. Categories, decisions
 * and actions a newer endpoint knows and this release does not are kept, marked unknown.
 */
import { ESCALATION_CATEGORIES, RESOLUTION_DECISIONS } from '@/lib/shared/protocol/escalations';
import { ENFORCEMENT_ACTIONS } from '@/lib/shared/protocol/history';

export interface EscalationForDecision {
  id: string;
  flagId: string;
  itemId: string;
  category: string;
  reason: string;
  createdAt: string;
  /** open, acknowledged, resolved; anything else from a newer endpoint is kept as is. */
  state: string;
  acknowledgedBy?: string | null | undefined;
  acknowledgedAt?: string | null | undefined;
  resolvedAt?: string | null | undefined;
  outcome?:
    | {
        decision: string;
        note: string;
        enforcementAction?: { id: string; action: string; reason: string } | undefined;
      }
    | null
    | undefined;
}

export interface EnforcementForDecision {
  id: string;
  action: string;
  reason: string;
  at: string;
}

export type CreatorDecision =
  | {
      kind: 'escalation';
      id: string;
      flagId: string;
      itemId: string;
      category: string;
      categoryKnown: boolean;
      reason: string;
      state: string;
      /** The latest change: resolved, else acknowledged, else sent. */
      at: string;
      acknowledgedBy?: string;
      decision?: string;
      decisionKnown?: boolean;
      note?: string;
      enforcementAction?: string;
      enforcementKnown?: boolean;
    }
  | {
      kind: 'enforcement';
      id: string;
      action: string;
      actionKnown: boolean;
      reason: string;
      at: string;
    };

const known = (list: readonly string[], value: string) => list.includes(value);

export function creatorDecisions(
  escalations: readonly EscalationForDecision[],
  actions: readonly EnforcementForDecision[],
): CreatorDecision[] {
  const fromEscalations = new Set<string>();
  const decisions: CreatorDecision[] = escalations.map((e) => {
    const action = e.outcome?.enforcementAction;
    if (action) fromEscalations.add(action.id);
    return {
      kind: 'escalation',
      id: e.id,
      flagId: e.flagId,
      itemId: e.itemId,
      category: e.category,
      categoryKnown: known(ESCALATION_CATEGORIES, e.category),
      reason: e.reason,
      state: e.state,
      at: e.resolvedAt ?? e.acknowledgedAt ?? e.createdAt,
      ...(e.acknowledgedBy ? { acknowledgedBy: e.acknowledgedBy } : {}),
      ...(e.outcome
        ? {
            decision: e.outcome.decision,
            decisionKnown: known(RESOLUTION_DECISIONS, e.outcome.decision),
            note: e.outcome.note,
          }
        : {}),
      ...(action
        ? {
            enforcementAction: action.action,
            enforcementKnown: known(ENFORCEMENT_ACTIONS, action.action),
          }
        : {}),
    };
  });
  for (const a of actions) {
    if (fromEscalations.has(a.id)) continue;
    decisions.push({
      kind: 'enforcement',
      id: a.id,
      action: a.action,
      actionKnown: known(ENFORCEMENT_ACTIONS, a.action),
      reason: a.reason,
      at: a.at,
    });
  }
  // Newest first; ties by id so the order never depends on the input's.
  return decisions.sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : x.id < y.id ? 1 : -1));
}

/**
 * A lead's decision on an escalated flag settles what it weighs in the score: `actioned`
 * counts it as confirmed, `no_violation` as dismissed; `referred` (or a decision this release
 * does not know) leaves the reviewer's status. `decided`: flag id -> the lead's decision.
 */
export function withLeadDecisions<T extends { id: string; status: string }>(
  flags: readonly T[],
  decided: ReadonlyMap<string, string>,
): T[] {
  if (decided.size === 0) return [...flags];
  return flags.map((flag) => {
    const decision = decided.get(flag.id);
    const status =
      decision === 'actioned' ? 'confirmed' : decision === 'no_violation' ? 'dismissed' : undefined;
    return status && status !== flag.status ? ({ ...flag, status } as T) : flag;
  });
}
