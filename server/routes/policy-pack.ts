/** GET and PUT /v1/policy-pack: delivery of the current policy pack, with ETags. */
import { createHash } from 'node:crypto';
import { MAX_POLICY_PACK_BYTES } from '@/lib/shared/protocol/limits';
import { policyPackPublishSchema } from '@/lib/shared/protocol/service';
import { parseWith, readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { Route } from '../http/router';
import { currentPack, publishPack } from '../store/policy-packs';

const etagOf = (version: string, packJson: string) =>
  `"${createHash('sha256').update(version).update('\n').update(packJson).digest('base64url')}"`;

/** True when an If-None-Match header names `etag` (or `*`), weak or strong (RFC 9110 8.8.3.2). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}

export const policyPackRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/policy-pack',
    access: 'reviewer',
    async handle({ req, db }) {
      const pack = await currentPack(db);
      if (!pack) {
        throw new HttpError(
          404,
          'no_policy_pack',
          'No policy pack has been published yet. An admin publishes one with PUT /v1/policy-pack; until then the extension keeps its bundled pack.',
        );
      }
      const headers = { ETag: pack.etag, 'Cache-Control': 'no-cache' };
      if (matchesIfNoneMatch(req.headers['if-none-match'], pack.etag)) {
        return { status: 304, headers };
      }
      return { status: 200, body: pack, headers };
    },
  },
  {
    method: 'PUT',
    path: '/v1/policy-pack',
    access: 'admin',
    async handle({ req, db, principal }) {
      const body = await readJson(req, MAX_POLICY_PACK_BYTES);
      const publication = parseWith(policyPackPublishSchema, body, 'Invalid policy pack');
      const packJson = JSON.stringify(publication.pack);
      const envelope = await publishPack(db, {
        version: publication.version,
        etag: etagOf(publication.version, packJson),
        packJson,
        publishedBy: principal?.reviewer ?? 'unknown',
      });
      return { status: 200, body: envelope, headers: { ETag: envelope.etag } };
    },
  },
];
