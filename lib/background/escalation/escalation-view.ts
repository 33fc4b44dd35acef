/** An escalation row as the reviewer reads it, and the lane's delivery warning. */
import type { EscalationRow } from '@/lib/background/store/escalation-row';
import {
  ESCALATION_DELIVERY_WARNING_MS,
  type EscalationStage,
  type EscalationStatus,
  type EscalationView,
} from '@/lib/messaging/escalation-messages';

function stageOf(row: EscalationRow): EscalationStage {
  if (row.lane !== 'delivered') return row.lane;
  const state = row.remote?.state;
  return state === 'acknowledged' || state === 'resolved' ? state : 'delivered';
}

export function toEscalationView(row: EscalationRow): EscalationView {
  const remote = row.remote;
  const outcome = remote?.outcome;
  return {
    id: row.id,
    flagId: row.flagId,
    category: remote?.category ?? row.category,
    reason: row.reason,
    createdAt: row.createdAt,
    stage: stageOf(row),
    ...(row.deliveredAt ? { deliveredAt: row.deliveredAt } : {}),
    ...(remote?.acknowledgedBy ? { acknowledgedBy: remote.acknowledgedBy } : {}),
    ...(remote?.acknowledgedAt ? { acknowledgedAt: remote.acknowledgedAt } : {}),
    ...(remote?.resolvedAt ? { resolvedAt: remote.resolvedAt } : {}),
    ...(outcome
      ? {
          outcome: {
            decision: outcome.decision,
            note: outcome.note,
            ...(outcome.enforcementAction
              ? { enforcementAction: outcome.enforcementAction.action }
              : {}),
          },
        }
      : {}),
    ...(row.lane !== 'delivered' && row.lastError ? { error: row.lastError } : {}),
  };
}

/**
 * Newest first, with the count of escalations not stored by the endpoint 30 s after the
 * reviewer escalated them, and why the oldest of those is not.
 */
export function escalationStatus(
  rows: readonly EscalationRow[],
  now: number,
  notConfigured: string | undefined,
): EscalationStatus {
  const overdue = rows
    .filter(
      (row) =>
        row.lane !== 'delivered' &&
        now - Date.parse(row.createdAt) >= ESCALATION_DELIVERY_WARNING_MS,
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const oldest = overdue[0];
  const reason = oldest ? (notConfigured ?? oldest.lastError) : undefined;
  return {
    escalations: [...rows]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(toEscalationView),
    overdue: overdue.length,
    ...(reason ? { overdueReason: reason } : {}),
  };
}
