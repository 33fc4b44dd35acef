/**
 * SQL for flags and notes. Writes are set-based: a whole batch goes to the database as one
 * JSON parameter, expanded by `jsonb_to_recordset`, so 500 records cost one lock, one read
 * and one write statement rather than a thousand round trips.
 */
import type { Queryable } from '../db/database';

export interface StoredState {
  type: 'flag' | 'note';
  revision: number;
  reviewer: string;
  digest: string;
}

export interface RecordRow extends StoredState {
  id: string;
  platform: string | null;
  creatorId: string | null;
  deleted: boolean;
  body: unknown;
}

/**
 * Serialises every transaction that judges one of these ids, until it ends. Row locks
 * (`for update` in loadStates) cannot do it: an id not yet stored has no row to lock, so
 * two batches creating it at once would both see nothing and both answer `created`. A lock
 * per reviewer did not either: two reviewers can send one id (a copied record, or an
 * attacker who read an id off the page). The locks are taken in one statement in
 * ascending key order, so two batches sharing ids queue instead of deadlocking; two ids
 * sharing a 64-bit hash only queue together.
 */
export async function lockRecordIds(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `select pg_advisory_xact_lock(k) from (
       select distinct hashtextextended('records:' || id, 0) as k
         from jsonb_array_elements_text($1::jsonb) as ids(id)
        order by k
     ) as keys`,
    [JSON.stringify(ids)],
  );
}

/** The stored state of the given ids, locked until the transaction ends. */
export async function loadStates(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, StoredState>> {
  const result = await tx.query<StoredState & { id: string }>(
    `select id, type, revision, reviewer, digest from records
      where id in (select jsonb_array_elements_text($1::jsonb))
      for update`,
    [JSON.stringify(ids)],
  );
  return new Map(result.rows.map(({ id, ...state }) => [id, state]));
}

const toJsonRows = (rows: readonly RecordRow[], latest: ReadonlySet<RecordRow>) =>
  JSON.stringify(
    rows.map((row) => ({
      id: row.id,
      type: row.type,
      revision: row.revision,
      reviewer: row.reviewer,
      platform: row.platform,
      creator_id: row.creatorId,
      deleted: row.deleted,
      digest: row.digest,
      body: row.body,
      latest: latest.has(row),
    })),
  );

/**
 * Writes accepted revisions in one statement: every one (tombstones included) goes to the
 * `record_revisions` audit trail, and the latest of each id becomes the current record.
 * The upsert never moves a record back to a lower revision, even under a race.
 */
export async function writeRevisions(
  tx: Queryable,
  accepted: readonly RecordRow[],
  latest: ReadonlySet<RecordRow>,
): Promise<void> {
  if (accepted.length === 0) return;
  await tx.query(
    `with input as materialized (
       select * from jsonb_to_recordset($1::jsonb) as r(id text, type text, revision int,
         reviewer text, platform text, creator_id text, deleted boolean, digest text,
         body jsonb, latest boolean)
     ), current as (
       insert into records (id, type, revision, reviewer, platform, creator_id, deleted, digest, body)
       select id, type, revision, reviewer, platform, creator_id, deleted, digest, body
         from input where latest
       on conflict (id) do update set
         revision = excluded.revision, platform = excluded.platform,
         creator_id = excluded.creator_id, deleted = excluded.deleted,
         digest = excluded.digest, body = excluded.body, received_at = now()
       where records.revision < excluded.revision
     )
     insert into record_revisions (id, revision, type, reviewer, deleted, body)
     select id, revision, type, reviewer, deleted, body from input
     on conflict (id, revision) do nothing`,
    [toJsonRows(accepted, latest)],
  );
}

/** Live (not deleted) records about a creator, oldest first. */
export async function liveRecordsAbout(
  db: Queryable,
  platform: string,
  creatorId: string,
): Promise<Array<{ type: 'flag' | 'note'; body: unknown }>> {
  const result = await db.query<{ type: 'flag' | 'note'; body: unknown }>(
    `select type, body from records
      where platform = $1 and creator_id = $2 and not deleted
      order by id`,
    [platform, creatorId],
  );
  return result.rows;
}
