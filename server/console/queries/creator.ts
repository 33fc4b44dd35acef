/** One creator across the team: every reviewer's live records, totals, enforcement actions. */
import type { EnforcementAction } from '@/lib/shared/protocol/history';
import type { Flag, Note } from '@/lib/shared/protocol/records';
import type { Queryable } from '../../db/database';
import { type CreatorViewInput, creatorViewInputSchema, parseInput } from './inputs';
import type { CreatorView } from './rows';
import { num } from './sql';

interface TotalsRow {
  flags: string;
  suggested: string;
  confirmed: string;
  dismissed: string;
  reviewers: string;
}

interface ActionRow {
  id: string;
  action: EnforcementAction['action'];
  reason: string;
  at: Date;
}

export async function creatorView(db: Queryable, input: CreatorViewInput): Promise<CreatorView> {
  const { platform, creatorId, limit } = parseInput(creatorViewInputSchema, input);
  const key = [platform, creatorId];
  // Index scans, one after the other (a transaction's connection runs one query at a time):
  // the creator's flags (records_console_creator, index-only for the totals), notes
  // (records_by_creator) and actions (enforcement_by_creator).
  const totals = await db.query<TotalsRow>(
    `select count(*) as flags,
              count(*) filter (where status = 'suggested') as suggested,
              count(*) filter (where status = 'confirmed') as confirmed,
              count(*) filter (where status = 'dismissed') as dismissed,
              count(distinct reviewer) as reviewers
         from records
        where type = 'flag' and not deleted and platform = $1 and creator_id = $2`,
    key,
  );
  const flags = await db.query<{ body: Flag }>(
    `select body from records
        where type = 'flag' and not deleted and platform = $1 and creator_id = $2
        order by created_at desc, id desc limit $3`,
    [...key, limit],
  );
  const notes = await db.query<{ body: Note }>(
    `select body from records
        where not deleted and platform = $1 and creator_id = $2 and type = 'note'
        order by id desc limit $3`,
    [...key, limit],
  );
  const noteCount = await db.query<{ n: string }>(
    `select count(*) as n from records
        where not deleted and platform = $1 and creator_id = $2 and type = 'note'`,
    key,
  );
  const actions = await db.query<ActionRow>(
    `select id, action, reason, at from enforcement_actions
        where platform = $1 and creator_id = $2 order by at desc, id desc`,
    key,
  );
  const t = totals.rows[0];
  const handle =
    flags.rows.find((r) => r.body.item.creatorHandle)?.body.item.creatorHandle ??
    notes.rows.flatMap((r) => (r.body.target.type === 'creator' ? [r.body.target.creator] : []))[0]
      ?.handle ??
    null;
  return {
    creator: { platform, creatorId, handle },
    totals: {
      flags: num(t?.flags),
      suggested: num(t?.suggested),
      confirmed: num(t?.confirmed),
      dismissed: num(t?.dismissed),
      reviewers: num(t?.reviewers),
      notes: num(noteCount.rows[0]?.n),
    },
    flags: flags.rows.map((r) => r.body),
    notes: notes.rows.map((r) => r.body),
    actions: actions.rows.map((r) => ({
      id: r.id,
      creator: { platform, creatorId },
      action: r.action,
      reason: r.reason,
      at: new Date(r.at).toISOString(),
    })),
  };
}
