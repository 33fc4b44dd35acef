/** Unauthenticated service routes: health and the OpenAPI document. */
import { buildOpenApiDocument } from '@/lib/shared/protocol/openapi';
import type { Health } from '@/lib/shared/protocol/service';
import { HttpError } from '../http/respond';
import type { Route } from '../http/router';

let openApiDocument: Record<string, unknown> | undefined;

export const serviceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/health',
    access: 'public',
    async handle({ db }) {
      try {
        await db.query('select 1');
      } catch {
        throw new HttpError(503, 'service_unavailable', 'The database is unreachable.');
      }
      const health: Health = {
        status: 'ok',
        database: db.kind,
        apiVersion: 'v1',
        time: new Date().toISOString(),
      };
      return { status: 200, body: health, headers: { 'Cache-Control': 'no-store' } };
    },
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    access: 'public',
    async handle() {
      // The document only depends on the schemas, so build it once per process.
      openApiDocument ??= buildOpenApiDocument();
      return { status: 200, body: openApiDocument };
    },
  },
];
