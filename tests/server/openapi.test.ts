import { describe, expect, it } from 'vitest';
import { REJECTION_CODES } from '@/lib/shared/protocol/batch';
import { buildOpenApiDocument } from '@/lib/shared/protocol/openapi';
import { ERROR_CODES } from '@/lib/shared/protocol/service';
import { routes as allRoutes } from '@/server/app';

// The governance console's routes (/console) are its own page's, same-origin with a session
// cookie (server/README.md), not the API clients call with a token: the document leaves them out.
const routes = allRoutes.filter((route) => !route.path.startsWith('/console'));

type Json = { [key: string]: unknown };
const doc = buildOpenApiDocument() as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else refsIn(v, found);
    }
  }
  return found;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with every route of the server and no other', () => {
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = routes.map((route) => `${route.method} ${route.path}`);
    expect(documented.sort()).toEqual(served.sort());
  });

  it('gives every operation an id, responses, and a schema for each JSON body', () => {
    const ids = new Set<string>();
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        expect(typeof op.operationId).toBe('string');
        ids.add(op.operationId as string);
        const responses = op.responses as Record<string, Json>;
        expect(Object.keys(responses).length).toBeGreaterThan(0);
        for (const response of Object.values(responses)) {
          expect(typeof response.description).toBe('string');
          const content = response.content as Record<string, Json> | undefined;
          // JSON, or the escalation event stream (text/event-stream).
          const typed = content?.['application/json'] ?? content?.['text/event-stream'];
          if (content) expect(typed?.schema).toBeDefined();
        }
      }
    }
    expect(ids.size).toBe(routes.length);
  });

  it('resolves every $ref to a component generated from the protocol schemas', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'BatchRequest',
        'BatchResponse',
        'FlagInput',
        'Flag',
        'NoteInput',
        'Note',
        'ItemResult',
        'CreatorHistory',
        'EnforcementAction',
        'PolicyPackEnvelope',
        'PolicyPackPublish',
        'Health',
        'ErrorBody',
      ]),
    );
    const batch = schemas.BatchRequest as { properties: { records: Json } };
    expect(batch.properties.records.maxItems).toBe(500);
    // Requests accept defaulted fields as optional; responses always carry them.
    expect(schemas.FlagInput?.required).not.toContain('deleted');
    expect(schemas.Flag?.required).toContain('deleted');
    expect(schemas.PolicyPackPublish?.required).toEqual(
      expect.arrayContaining(['version', 'pack']),
    );
    const result = schemas.ItemResult as { properties: { result: Json } };
    expect(result.properties.result.enum).toEqual([
      'created',
      'updated',
      'unchanged',
      'stale',
      'rejected',
    ]);
  });

  it('requires the bearer token except on health and the document itself', () => {
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const open = Object.entries(doc.paths)
      .filter(([, ops]) =>
        Object.values(ops).some((op) => Array.isArray(op.security) && op.security.length === 0),
      )
      .map(([path]) => path);
    expect(open.sort()).toEqual(['/v1/health', '/v1/openapi.json']);
  });

  it('names every error and rejection code, and describes the ones issue 15 added', () => {
    const text = JSON.stringify(doc);
    const errorBody = JSON.stringify(doc.components.schemas.ErrorBody);
    for (const code of ERROR_CODES) expect(errorBody).toContain(`"${code}"`);
    const itemResult = JSON.stringify(doc.components.schemas.ItemResult);
    for (const code of REJECTION_CODES) expect(itemResult).toContain(`"${code}"`);
    expect(itemResult).toContain('"field"');
    const described = [
      'invalid_text',
      'out_of_range',
      'unsafe_text',
      'evidence_type_mismatch',
      'request_timeout',
      'not_owner',
    ];
    for (const code of described) expect(text).toContain(`\`${code}\``);
    const evidencePut = doc.paths['/v1/evidence/{sha256}']?.put as Json;
    expect(Object.keys(evidencePut.responses as Json)).toEqual(
      expect.arrayContaining(['408', '415', '429']),
    );
  });
});
