/**
 * PUT and GET /v1/evidence/{sha256}: evidence snapshots, content-addressed. The path names
 * the SHA-256 of the body; a body that hashes to anything else is refused, so a stored image
 * always matches its name and a repeated upload is a no-op (idempotent by construction).
 */
import { createHash } from 'node:crypto';
import {
  EVIDENCE_MIME_TYPES,
  type EvidenceReceipt,
  hasImageSignature,
  MAX_EVIDENCE_BYTES,
  sha256HexSchema,
} from '@/lib/shared/protocol/evidence';
import type { Queryable } from '../db/database';
import { readBody } from '../http/body';
import { HttpError } from '../http/respond';
import type { Reply, Route } from '../http/router';

export function hashParam(params: Record<string, string>): string {
  const hash = params.sha256 ?? '';
  if (!sha256HexSchema.safeParse(hash).success)
    throw new HttpError(400, 'bad_request', 'The path must name a SHA-256 in lower-case hex.');
  return hash;
}

function mimeTypeOf(header: string | undefined): (typeof EVIDENCE_MIME_TYPES)[number] {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const known = EVIDENCE_MIME_TYPES.find((t) => t === type);
  if (!known)
    throw new HttpError(415, 'unsupported_media_type', 'Evidence must be image/png or image/jpeg.');
  return known;
}

/** The stored image named by its SHA-256, as a reply (the API's and the console's). */
export async function evidenceImage(db: Queryable, sha256: string): Promise<Reply> {
  const found = await db.query<{ mime_type: string; bytes: Uint8Array }>(
    'select mime_type, bytes from evidence where sha256 = $1',
    [sha256],
  );
  const row = found.rows[0];
  if (!row) throw new HttpError(404, 'not_found', `No evidence ${sha256}.`);
  return {
    status: 200,
    raw: Buffer.from(row.bytes),
    headers: {
      'Content-Type': row.mime_type,
      // Opened directly in a tab, the image runs nothing and reaches nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${sha256}"`,
    },
  };
}

export const evidenceRoutes: Route[] = [
  {
    method: 'PUT',
    path: '/v1/evidence/{sha256}',
    access: 'reviewer',
    async handle({ req, db, params, principal }) {
      const sha256 = hashParam(params);
      const mimeType = mimeTypeOf(req.headers['content-type']);
      const bytes = await readBody(req, MAX_EVIDENCE_BYTES);
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256)
        throw new HttpError(
          400,
          'bad_request',
          `The body's SHA-256 is ${actual}, not the ${sha256} the path names.`,
        );
      if (!hasImageSignature(bytes, mimeType))
        throw new HttpError(
          415,
          'evidence_type_mismatch',
          `The body is not a ${mimeType} image: its first bytes are not that type's signature.`,
        );
      const inserted = await db.query(
        `insert into evidence (sha256, mime_type, size, bytes, uploaded_by)
         values ($1, $2, $3, $4, $5) on conflict (sha256) do nothing`,
        [sha256, mimeType, bytes.length, bytes, principal?.reviewer ?? 'unknown'],
      );
      const created = inserted.rowCount > 0;
      const receipt: EvidenceReceipt = { sha256, mimeType, size: bytes.length, created };
      return { status: created ? 201 : 200, body: receipt };
    },
  },
  {
    method: 'GET',
    path: '/v1/evidence/{sha256}',
    access: 'reviewer',
    handle: ({ db, params }) => evidenceImage(db, hashParam(params)),
  },
];
