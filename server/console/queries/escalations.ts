/**
 * The escalation queue of one state, oldest first (the case waiting longest on top), keyset
 * paged on (received_at, id) by escalations_console_queue, with the count of each state and
 * whether each case is past its SLA deadlines now.
 */
import type { Escalation, EscalationState } from '@/lib/shared/protocol/escalations';
import { ESCALATION_STATES } from '@/lib/shared/protocol/escalations';
import type { Queryable } from '../../db/database';
import { decodeCursor, encodeCursor, keysetTimeSql } from './cursor';
import { type EscalationQueueInput, escalationQueueInputSchema, parseInput } from './inputs';
import type { EscalationQueueRow, EscalationQueueView } from './rows';
import { num, Where } from './sql';

interface Row {
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
  at: string;
  acknowledge_overdue: boolean;
  resolve_overdue: boolean;
}

const iso = (value: Date) => new Date(value).toISOString();
const isoOrNull = (value: Date | null) => (value ? iso(value) : null);

function toRow(row: Row): EscalationQueueRow {
  const escalation: Escalation = {
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
  };
  return {
    ...escalation,
    acknowledgeOverdue: row.acknowledge_overdue,
    resolveOverdue: row.resolve_overdue,
  };
}

export async function escalationQueue(
  db: Queryable,
  input: EscalationQueueInput,
): Promise<EscalationQueueView> {
  const f = parseInput(escalationQueueInputSchema, input);
  const nowResult = await db.query<{ now: Date }>('select now() as now');
  const now = nowResult.rows[0]?.now ?? new Date();
  const where = new Where()
    .add(f.state, (p) => `state = ${p}`)
    .add(f.category, (p) => `category = ${p}`);
  if (f.cursor) {
    const { at, id } = decodeCursor(f.cursor);
    const t = where.param(at);
    const i = where.param(id);
    where.clause(`(received_at, id) > (${t}::timestamptz, ${i})`);
  }
  const nowParam = where.param(now);
  const limit = where.param(f.limit + 1);
  const page = await db.query<Row>(
    `select id, flag_id, reviewer, category, reason, item_json, evidence_json, created_at,
              received_at, acknowledge_due_at, resolve_due_at, state, acknowledged_by,
              acknowledged_at, resolved_by, resolved_at, outcome_json,
              ${keysetTimeSql('received_at')} as at,
              state = 'open' and acknowledge_due_at < ${nowParam} as acknowledge_overdue,
              state <> 'resolved' and resolve_due_at < ${nowParam} as resolve_overdue
         from escalations ${where.sql}
        order by received_at, id limit ${limit}`,
    where.params,
  );
  const counts = await db.query<{ state: EscalationState; n: string }>(
    'select state, count(*) as n from escalations group by state',
  );
  const rows = page.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  const byState = Object.fromEntries(ESCALATION_STATES.map((s) => [s, 0])) as Record<
    EscalationState,
    number
  >;
  for (const row of counts.rows) byState[row.state] = num(row.n);
  return {
    rows: rows.map(toRow),
    nextCursor:
      page.rows.length > f.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
    counts: byState,
    now: iso(now),
  };
}
