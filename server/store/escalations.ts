/** Escalations and their SLA timers: create once by id, list, acknowledge, resolve. */
import type {
  Escalation,
  EscalationCreate,
  EscalationResolve,
  EscalationState,
} from '@/lib/shared/protocol/escalations';
import type { Database, Queryable } from '../db/database';
import { recordAction } from './enforcement';

/** An `escalations` row as the driver returns it (the console's queue reads the same). */
export interface EscalationRow {
  id: string;
  flag_id: string;
  reviewer: string;
  category: string;
  reason: string;
  item_json: string;
  evidence_json: string;
  created_at: Date;
  received_at: Date;
  acknowledge_due_at: Date;
  resolve_due_at: Date;
  state: EscalationState;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  outcome_json: string | null;
}

export const iso = (value: Date) => new Date(value).toISOString();
const isoOrNull = (value: Date | null) => (value ? iso(value) : null);

export const toEscalation = (row: EscalationRow): Escalation => ({
  id: row.id,
  flagId: row.flag_id,
  reviewer: row.reviewer,
  category: row.category,
  reason: row.reason,
  item: JSON.parse(row.item_json),
  evidence: JSON.parse(row.evidence_json),
  createdAt: iso(row.created_at),
  state: row.state,
  receivedAt: iso(row.received_at),
  acknowledgeDueAt: iso(row.acknowledge_due_at),
  resolveDueAt: iso(row.resolve_due_at),
  acknowledgedBy: row.acknowledged_by,
  acknowledgedAt: isoOrNull(row.acknowledged_at),
  resolvedBy: row.resolved_by,
  resolvedAt: isoOrNull(row.resolved_at),
  outcome: row.outcome_json ? JSON.parse(row.outcome_json) : null,
});

export const ESCALATION_COLUMNS = `id, flag_id, reviewer, category, reason, item_json, evidence_json, created_at,
  received_at, acknowledge_due_at, resolve_due_at, state, acknowledged_by, acknowledged_at,
  resolved_by, resolved_at, outcome_json`;

export async function escalationById(db: Queryable, id: string): Promise<Escalation | undefined> {
  const result = await db.query<EscalationRow>(
    `select ${ESCALATION_COLUMNS} from escalations where id = $1`,
    [id],
  );
  const row = result.rows[0];
  return row ? toEscalation(row) : undefined;
}

/**
 * Stores an escalation with deadlines from its category's SLA timers. Returns whether this
 * call created it (false: the id was already stored, which is a retry).
 */
export async function createEscalation(
  db: Queryable,
  reviewer: string,
  input: EscalationCreate,
): Promise<boolean> {
  const result = await db.query(
    `insert into escalations (id, flag_id, reviewer, category, reason, item_json, evidence_json,
       created_at, acknowledge_due_at, resolve_due_at)
     select $1, $2, $3, $4, $5, $6, $7, $8,
       now() + make_interval(secs => sla.acknowledge_seconds),
       now() + make_interval(secs => sla.resolve_seconds)
       from escalation_sla sla where sla.category = $4
     on conflict (id) do nothing`,
    [
      input.id,
      input.flagId,
      reviewer,
      input.category,
      input.reason,
      JSON.stringify(input.item),
      JSON.stringify(input.evidence),
      input.createdAt,
    ],
  );
  return result.rowCount > 0;
}

export interface EscalationFilter {
  state?: EscalationState;
  /** Only this reviewer's escalations (a reviewer's view); all when undefined (a lead's). */
  reviewer?: string;
  limit: number;
}

/** Oldest first: the case waiting longest is the one a lead should see at the top. */
export async function listEscalations(
  db: Queryable,
  filter: EscalationFilter,
): Promise<Escalation[]> {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.state) {
    params.push(filter.state);
    clauses.push(`state = $${params.length}`);
  }
  if (filter.reviewer) {
    params.push(filter.reviewer);
    clauses.push(`reviewer = $${params.length}`);
  }
  params.push(filter.limit);
  const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
  const result = await db.query<EscalationRow>(
    `select ${ESCALATION_COLUMNS} from escalations ${where} order by received_at, id limit $${params.length}`,
    params,
  );
  return result.rows.map(toEscalation);
}

export type Transition =
  | { kind: 'changed'; escalation: Escalation }
  | { kind: 'unchanged'; escalation: Escalation }
  | { kind: 'not_found' }
  | { kind: 'conflict'; escalation: Escalation };

/** Open → acknowledged. Acknowledging again is unchanged; a resolved case is a conflict. */
export async function acknowledgeEscalation(
  db: Database,
  id: string,
  lead: string,
): Promise<Transition> {
  return db.transaction(async (tx) => {
    const updated = await tx.query(
      `update escalations set state = 'acknowledged', acknowledged_by = $2, acknowledged_at = now()
        where id = $1 and state = 'open'`,
      [id, lead],
    );
    const escalation = await escalationById(tx, id);
    if (!escalation) return { kind: 'not_found' };
    if (updated.rowCount > 0) return { kind: 'changed', escalation };
    return escalation.state === 'acknowledged'
      ? { kind: 'unchanged', escalation }
      : { kind: 'conflict', escalation };
  });
}

/**
 * Open or acknowledged → resolved, recording the enforcement action (if any) on the item's
 * creator in the same transaction. Resolving an unacknowledged case acknowledges it too: a
 * lead who decides at once has seen it. The same outcome again is unchanged; another one is
 * a conflict, since a decision the reviewer was told about must not change silently.
 */
export async function resolveEscalation(
  db: Database,
  id: string,
  lead: string,
  outcome: EscalationResolve,
): Promise<Transition | { kind: 'no_creator'; escalation: Escalation }> {
  return db.transaction(async (tx) => {
    const before = await escalationById(tx, id);
    if (!before) return { kind: 'not_found' };
    if (before.state === 'resolved') {
      const same = JSON.stringify(before.outcome) === JSON.stringify(outcome);
      return { kind: same ? 'unchanged' : 'conflict', escalation: before };
    }
    const action = outcome.enforcementAction;
    if (action) {
      const creatorId = before.item.creatorId;
      if (!creatorId) return { kind: 'no_creator', escalation: before };
      await recordAction(tx, {
        id: action.id,
        creator: { platform: before.item.platform, creatorId },
        action: action.action,
        reason: action.reason,
        at: new Date().toISOString(),
      });
    }
    await tx.query(
      `update escalations set state = 'resolved', resolved_by = $2, resolved_at = now(),
         outcome_json = $3,
         acknowledged_by = coalesce(acknowledged_by, $2),
         acknowledged_at = coalesce(acknowledged_at, now())
        where id = $1`,
      [id, lead, JSON.stringify(outcome)],
    );
    const escalation = await escalationById(tx, id);
    return escalation ? { kind: 'changed', escalation } : { kind: 'not_found' };
  });
}

export async function knownCategory(db: Queryable, category: string): Promise<boolean> {
  const result = await db.query('select 1 from escalation_sla where category = $1', [category]);
  // rows, not rowCount: PGlite reports no row count for a select.
  return result.rows.length > 0;
}
