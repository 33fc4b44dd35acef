/** Enforcement actions the governance system took on creators. */
import type { EnforcementAction } from '@/lib/shared/protocol/history';
import type { Queryable } from '../db/database';

export interface ActionRow {
  id: string;
  platform: string;
  creator_id: string;
  action: EnforcementAction['action'];
  reason: string;
  at: Date;
}

export const toAction = (row: ActionRow): EnforcementAction => ({
  id: row.id,
  creator: { platform: row.platform, creatorId: row.creator_id },
  action: row.action,
  reason: row.reason,
  at: new Date(row.at).toISOString(),
});

/** Records an action; false when one with this id was already recorded (idempotent). */
export async function recordAction(db: Queryable, action: EnforcementAction): Promise<boolean> {
  const result = await db.query(
    `insert into enforcement_actions (id, platform, creator_id, action, reason, at)
     values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing`,
    [
      action.id,
      action.creator.platform,
      action.creator.creatorId,
      action.action,
      action.reason,
      action.at,
    ],
  );
  return result.rowCount > 0;
}

export async function actionById(
  db: Queryable,
  id: string,
): Promise<EnforcementAction | undefined> {
  const result = await db.query<ActionRow>(
    'select id, platform, creator_id, action, reason, at from enforcement_actions where id = $1',
    [id],
  );
  const row = result.rows[0];
  return row ? toAction(row) : undefined;
}

export async function actionsAbout(
  db: Queryable,
  platform: string,
  creatorId: string,
): Promise<EnforcementAction[]> {
  const result = await db.query<ActionRow>(
    `select id, platform, creator_id, action, reason, at from enforcement_actions
      where platform = $1 and creator_id = $2 order by at, id`,
    [platform, creatorId],
  );
  return result.rows.map(toAction);
}
