/** Published policy packs; the latest publication is the current pack. */
import type { PolicyPackEnvelope } from '@/lib/shared/protocol/service';
import type { Queryable } from '../db/database';

interface PackRow {
  version: string;
  etag: string;
  pack_json: string;
  published_by: string;
  published_at: Date;
}

const toEnvelope = (row: PackRow): PolicyPackEnvelope => ({
  version: row.version,
  etag: row.etag,
  publishedAt: new Date(row.published_at).toISOString(),
  publishedBy: row.published_by,
  pack: JSON.parse(row.pack_json),
});

export async function currentPack(db: Queryable): Promise<PolicyPackEnvelope | undefined> {
  const result = await db.query<PackRow>(
    `select version, etag, pack_json, published_by, published_at
       from policy_packs order by seq desc limit 1`,
  );
  const row = result.rows[0];
  return row ? toEnvelope(row) : undefined;
}

export async function publishPack(
  db: Queryable,
  pack: { version: string; etag: string; packJson: string; publishedBy: string },
): Promise<PolicyPackEnvelope> {
  const result = await db.query<PackRow>(
    `insert into policy_packs (version, etag, pack_json, published_by) values ($1, $2, $3, $4)
     returning version, etag, pack_json, published_by, published_at`,
    [pack.version, pack.etag, pack.packJson, pack.publishedBy],
  );
  const row = result.rows[0];
  if (!row) throw new Error('insert into policy_packs returned no row');
  return toEnvelope(row);
}
