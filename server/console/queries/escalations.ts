/**
 * The escalation queue of one state, oldest first (the case waiting longest on top), keyset
 * paged on (received_at, id) by escalations_console_queue, with the count of each state and
 * whether each case is past its SLA deadlines now.
 */
import type { EscalationState } from '@/lib/shared/protocol/escalations';
import { ESCALATION_STATES } from '@/lib/shared/protocol/escalations';
import type { Queryable } from '../../db/database';
import { ESCALATION_COLUMNS, type EscalationRow, iso, toEscalation } from '../../store/escalations';
import { decodeCursor, encodeCursor, keysetTimeSql } from './cursor';
import { type EscalationQueueInput, escalationQueueInputSchema, parseInput } from './inputs';
import type { EscalationQueueRow, EscalationQueueView } from './rows';
import { num, Where } from './sql';

interface Row extends EscalationRow {
  at: string;
  acknowledge_overdue: boolean;
  resolve_overdue: boolean;
}

function toRow(row: Row): EscalationQueueRow {
  return {
    ...toEscalation(row),
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
    `select ${ESCALATION_COLUMNS},
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
