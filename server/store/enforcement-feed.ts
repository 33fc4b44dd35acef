/**
 * Enforcement actions in the order the endpoint recorded them: what an extension whose
 * event stream dropped reads to catch up (GET /v1/enforcement-actions?since=).
 */
import type { RecordedEnforcementAction } from '@/lib/shared/protocol/enforcement-feed';
import type { Queryable } from '../db/database';
import { type ActionRow, toAction } from './enforcement';

/** An enforcement_actions row with the time the endpoint stored it (enforcement.ts reads the rest). */
interface RecordedRow extends ActionRow {
  recorded_at: Date;
}

const toRecorded = (row: RecordedRow): RecordedEnforcementAction => ({
  ...toAction(row),
  recordedAt: new Date(row.recorded_at).toISOString(),
});

const COLUMNS = 'id, platform, creator_id, action, reason, at, recorded_at';

export async function recordedActionById(
  db: Queryable,
  id: string,
): Promise<RecordedEnforcementAction | undefined> {
  const result = await db.query<RecordedRow>(
    `select ${COLUMNS} from enforcement_actions where id = $1`,
    [id],
  );
  const row = result.rows[0];
  return row ? toRecorded(row) : undefined;
}

/**
 * Recorded at or after `since` (inclusive: two actions may share a millisecond, and the
 * reader drops ids it already has), oldest first; `limit + 1` are read to tell whether more
 * wait.
 */
export async function actionsRecordedSince(
  db: Queryable,
  since: string | undefined,
  limit: number,
): Promise<{ actions: RecordedEnforcementAction[]; more: boolean }> {
  const result = since
    ? await db.query<RecordedRow>(
        `select ${COLUMNS} from enforcement_actions where recorded_at >= $1
          order by recorded_at, id limit $2`,
        [since, limit + 1],
      )
    : await db.query<RecordedRow>(
        `select ${COLUMNS} from enforcement_actions order by recorded_at, id limit $1`,
        [limit + 1],
      );
  const rows = result.rows.map(toRecorded);
  return { actions: rows.slice(0, limit), more: rows.length > limit };
}
