/**
 * The OpenAPI 3.1 document of the governance endpoint, generated from the same Zod schemas
 * the extension and the server parse with, so the three cannot drift apart. Request bodies
 * are rendered as accepted (`io: 'input'`: fields with defaults are optional) and responses
 * as sent (`io: 'output'`: every defaulted field present), hence the `...Input` components.
 */
import { z } from 'zod';
import { batchRequestSchema, batchResponseSchema, itemResultSchema } from './batch';
import { enforcementFeedSchema, MAX_ENFORCEMENT_FEED } from './enforcement-feed';
import {
  escalationCreateSchema,
  escalationListSchema,
  escalationResolveSchema,
  escalationSchema,
} from './escalations';
import { evidenceReceiptSchema, MAX_EVIDENCE_BYTES } from './evidence';
import { creatorHistorySchema, enforcementActionSchema } from './history';
import { API_PREFIX, MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from './limits';
import { flagSchema, noteSchema, platformSchema } from './records';
import {
  errorBodySchema,
  healthSchema,
  policyPackEnvelopeSchema,
  policyPackPublishSchema,
} from './service';

type JsonObject = { [key: string]: unknown };
type Registry = ReturnType<typeof z.registry<{ id: string }>>;

const componentRef = (id: string) => `#/components/schemas/${id}`;
const ref = (id: string) => ({ $ref: componentRef(id) });

function componentsOf(registry: Registry, io: 'input' | 'output'): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: componentRef, target: 'draft-2020-12' });
  const out: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // Components are fragments of this document, not standalone schema resources.
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
    out[id] = rest;
  }
  return out;
}

function requirePack(schema: JsonObject | undefined): void {
  if (!schema) return;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (!required.includes('pack')) schema.required = [...required, 'pack'];
}

function allComponents(): Record<string, JsonObject> {
  const requests = z.registry<{ id: string }>();
  requests.add(batchRequestSchema, { id: 'BatchRequest' });
  requests.add(flagSchema, { id: 'FlagInput' });
  requests.add(noteSchema, { id: 'NoteInput' });
  requests.add(policyPackPublishSchema, { id: 'PolicyPackPublish' });
  requests.add(enforcementActionSchema, { id: 'EnforcementActionInput' });
  requests.add(escalationCreateSchema, { id: 'EscalationCreate' });
  requests.add(escalationResolveSchema, { id: 'EscalationResolve' });
  const responses = z.registry<{ id: string }>();
  responses.add(batchResponseSchema, { id: 'BatchResponse' });
  responses.add(itemResultSchema, { id: 'ItemResult' });
  responses.add(flagSchema, { id: 'Flag' });
  responses.add(noteSchema, { id: 'Note' });
  responses.add(creatorHistorySchema, { id: 'CreatorHistory' });
  responses.add(enforcementActionSchema, { id: 'EnforcementAction' });
  responses.add(policyPackEnvelopeSchema, { id: 'PolicyPackEnvelope' });
  responses.add(escalationSchema, { id: 'Escalation' });
  responses.add(escalationListSchema, { id: 'EscalationList' });
  responses.add(enforcementFeedSchema, { id: 'EnforcementFeed' });
  responses.add(healthSchema, { id: 'Health' });
  responses.add(errorBodySchema, { id: 'ErrorBody' });
  const all = { ...componentsOf(requests, 'input'), ...componentsOf(responses, 'output') };
  // `pack` is z.unknown() refined to be present; JSON Schema cannot see the refinement.
  for (const id of ['PolicyPackPublish', 'PolicyPackEnvelope']) requirePack(all[id]);
  return all;
}

const json = (schema: JsonObject) => ({ 'application/json': { schema } });
const body = (id: string, description: string) => ({ description, content: json(ref(id)) });
const error = (description: string) => body('ErrorBody', description);
const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
};
const authErrors = {
  '401': error('Missing, unknown or revoked bearer token.'),
  '429': {
    ...error(
      'Rate limit exceeded (`rate_limited`): for this token, or too many failed authentications from this address (checked before the token is looked up).',
    ),
    headers: retryAfter,
  },
};
/** Every route that reads a body: it must arrive within the endpoint's deadline. */
const bodyTimeout = {
  '408': error('The body did not arrive in time (`request_timeout`); the connection is closed.'),
};
/** Why a record, a path parameter or a body is refused although it looks like text. */
const TEXT_RULES =
  'Every string refuses U+0000 and lone UTF-16 surrogates (issue code `unsafe_text`), and every integer (a revision) is at most 2147483647, which is what the database stores.';
const etagHeader = {
  ETag: { description: 'Strong validator of the pack.', schema: { type: 'string' } },
};

const evidenceReceipt = z.toJSONSchema(evidenceReceiptSchema) as JsonObject;
const sha256Param = {
  name: 'sha256',
  in: 'path',
  required: true,
  description: 'SHA-256 of the image bytes, lower-case hex.',
  schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
};

const escalationId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The escalation id (a ULID chosen by the extension).',
  schema: { type: 'string' },
};
const leadOnly = { '403': error('The token is not a lead or admin token.') };

function escalationPaths(p: string): JsonObject {
  return {
    [`${p}/escalations`]: {
      post: {
        operationId: 'createEscalation',
        summary: 'Escalate an emergency case to the leads (idempotent by id).',
        description: `Stored with SLA deadlines from its category's stored timers, and pushed at once on \`/escalations/events\`. The same id again answers 200 with what is stored; the same id with another flag or category is 409 \`conflict\`. A category and a non-blank reason are required. \`evidence\` names the snapshots the reviewer attached by their SHA-256: upload each first with \`PUT /evidence/{sha256}\` (the extension does, just before the escalation), and a lead reads it with \`GET /evidence/{sha256}\`. ${TEXT_RULES}`,
        requestBody: { required: true, content: json(ref('EscalationCreate')) },
        responses: {
          '200': body('Escalation', 'Already stored with this id (a retry).'),
          '201': body('Escalation', 'Stored.'),
          '400': error('Invalid body: missing category or reason, unknown category, bad item.'),
          ...authErrors,
          ...bodyTimeout,
          '409': error('This id is already used by another escalation.'),
        },
      },
      get: {
        operationId: 'listEscalations',
        summary: "Escalations, oldest first (a reviewer's own; a lead's: everyone's).",
        parameters: [
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['open', 'acknowledged', 'resolved'] },
          },
        ],
        responses: {
          '200': body('EscalationList', 'At most 500 escalations.'),
          '400': error('Unknown state.'),
          ...authErrors,
        },
      },
    },
    [`${p}/escalations/events`]: {
      get: {
        operationId: 'streamEscalationEvents',
        summary: 'Server-Sent Events: one `escalation` event per change, as it commits.',
        description:
          "Each `escalation` event's data is `{ change: 'created' | 'acknowledged' | 'resolved', escalation }`: a reviewer hears their own escalations, a lead hears all. Each `enforcement` event's data is a recorded enforcement action (`EnforcementFeed` items: the action with `recordedAt`), heard by everyone, whether a lead's resolution or the governance system recorded it. Comments keep an idle stream open; after a drop, read `GET /enforcement-actions?since=` and the escalation list to catch up.",
        responses: {
          '200': {
            description: 'An event stream that stays open.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...authErrors,
        },
      },
    },
    [`${p}/escalations/{id}`]: {
      get: {
        operationId: 'getEscalation',
        summary: 'One escalation with its receipts (the reviewer who sent it, or a lead).',
        parameters: [escalationId],
        responses: {
          '200': body('Escalation', 'The escalation.'),
          '400': error('The id is not a ULID.'),
          ...authErrors,
          '404': error("No such escalation, or it is another reviewer's."),
        },
      },
    },
    [`${p}/escalations/{id}/acknowledge`]: {
      post: {
        operationId: 'acknowledgeEscalation',
        summary: 'A lead acknowledges an escalation (again: unchanged).',
        parameters: [escalationId],
        responses: {
          '200': body('Escalation', 'Acknowledged.'),
          '400': error('The id is not a ULID.'),
          ...authErrors,
          ...leadOnly,
          '404': error('No such escalation.'),
          '409': error('Already resolved.'),
        },
      },
    },
    [`${p}/escalations/{id}/resolve`]: {
      post: {
        operationId: 'resolveEscalation',
        summary:
          "A lead resolves an escalation; an enforcement action in the outcome is recorded on the item's creator.",
        parameters: [escalationId],
        requestBody: { required: true, content: json(ref('EscalationResolve')) },
        responses: {
          '200': body('Escalation', 'Resolved (the same outcome again: unchanged).'),
          '400': error('Invalid outcome, or an enforcement action for an item with no creator.'),
          ...authErrors,
          ...bodyTimeout,
          ...leadOnly,
          '404': error('No such escalation.'),
          '409': error('Already resolved with another outcome.'),
        },
      },
    },
  };
}

function paths(): JsonObject {
  const p = API_PREFIX;
  return {
    [`${p}/batches`]: {
      post: {
        operationId: 'ingestBatch',
        summary: `Ingest up to ${MAX_BATCH_ITEMS} flags and notes (at most ${MAX_BATCH_BYTES} bytes).`,
        description: `Idempotent by id and revision: the same id and revision again is \`unchanged\`, a lower revision \`stale\`, a higher one \`updated\`. \`results[i]\` answers \`records[i]\`. Records that fail their own schema are \`rejected\` one by one, with a \`code\` and the \`field\` (\`invalid_text\`: a string holds U+0000 or a lone surrogate; \`out_of_range\`: a revision beyond 2147483647; \`invalid_record\`: anything else); a malformed envelope fails the whole request with 400. Two reviewers sending one new id at once: the first is \`created\`, the other \`not_owner\`. ${TEXT_RULES}`,
        requestBody: { required: true, content: json(ref('BatchRequest')) },
        responses: {
          '200': body('BatchResponse', 'One result per record, in request order.'),
          '400': error(
            'Malformed JSON or envelope; `details.issues` lists each path and issue code.',
          ),
          ...authErrors,
          ...bodyTimeout,
          '413': error(`More than ${MAX_BATCH_ITEMS} records or ${MAX_BATCH_BYTES} bytes.`),
          '415': error('The body is not application/json.'),
        },
      },
    },
    [`${p}/creators/{platform}/{creatorId}/history`]: {
      get: {
        operationId: 'getCreatorHistory',
        summary: "A creator's live flags and notes from all reviewers, and enforcement actions.",
        parameters: [
          {
            name: 'platform',
            in: 'path',
            required: true,
            schema: z.toJSONSchema(platformSchema),
          },
          { name: 'creatorId', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': body('CreatorHistory', 'The creator history.'),
          '400': error(`Invalid path parameter. ${TEXT_RULES}`),
          ...authErrors,
        },
      },
    },
    [`${p}/policy-pack`]: {
      get: {
        operationId: 'getPolicyPack',
        summary: 'The current policy pack.',
        parameters: [
          { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
        ],
        responses: {
          '200': { ...body('PolicyPackEnvelope', 'The current pack.'), headers: etagHeader },
          '304': { description: 'The pack named by If-None-Match is still current.' },
          ...authErrors,
          '404': error('No pack has been published yet (code `no_policy_pack`).'),
        },
      },
      put: {
        operationId: 'publishPolicyPack',
        summary: 'Publish a new current policy pack (admin tokens only).',
        requestBody: { required: true, content: json(ref('PolicyPackPublish')) },
        responses: {
          '200': { ...body('PolicyPackEnvelope', 'The published pack.'), headers: etagHeader },
          '400': error(`Invalid body. ${TEXT_RULES} This holds for every string of the pack.`),
          ...authErrors,
          ...bodyTimeout,
          '403': error('The token is not an admin token.'),
          '413': error('The pack is too large.'),
        },
      },
    },
    [`${p}/enforcement-actions`]: {
      get: {
        operationId: 'listEnforcementActions',
        summary: 'Enforcement actions recorded since a time, oldest first (any reviewer).',
        description: `Inclusive of \`since\` (drop ids already held); at most ${MAX_ENFORCEMENT_FEED}, \`more\` says whether to ask again from the last \`recordedAt\`. Each action is also in its creator's history.`,
        parameters: [
          {
            name: 'since',
            in: 'query',
            required: false,
            description: 'An ISO 8601 time; absent: from the first.',
            schema: { type: 'string', format: 'date-time' },
          },
        ],
        responses: {
          '200': body('EnforcementFeed', 'Actions recorded since then.'),
          '400': error('since is not an ISO 8601 time.'),
          ...authErrors,
        },
      },
      post: {
        operationId: 'recordEnforcementAction',
        summary: 'Record an enforcement action on a creator (admin tokens only; idempotent by id).',
        requestBody: { required: true, content: json(ref('EnforcementActionInput')) },
        responses: {
          '200': body('EnforcementAction', 'Already recorded with this id.'),
          '201': body('EnforcementAction', 'Recorded.'),
          '400': error(`Invalid body. ${TEXT_RULES}`),
          ...authErrors,
          ...bodyTimeout,
          '403': error('The token is not an admin token.'),
        },
      },
    },
    ...escalationPaths(p),
    [`${p}/evidence/{sha256}`]: {
      put: {
        operationId: 'putEvidence',
        parameters: [sha256Param],
        summary: `Store an evidence snapshot (image/png or image/jpeg, at most ${MAX_EVIDENCE_BYTES} bytes) under its SHA-256.`,
        description:
          'Content-addressed and idempotent: the same image again stores nothing new (200). A body whose SHA-256 is not the one in the path is refused (400).',
        requestBody: {
          required: true,
          content: {
            'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
            'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
          },
        },
        responses: {
          '200': {
            description: 'Already stored; nothing changed.',
            content: json(evidenceReceipt),
          },
          '201': { description: 'Stored.', content: json(evidenceReceipt) },
          '400': error('Bad hash in the path, or the body does not hash to it.'),
          ...authErrors,
          ...bodyTimeout,
          '413': error(`The image is larger than ${MAX_EVIDENCE_BYTES} bytes.`),
          '415': error(
            "The Content-Type is not image/png or image/jpeg (`unsupported_media_type`), or the bytes do not start with that type's signature (`evidence_type_mismatch`).",
          ),
        },
      },
      get: {
        operationId: 'getEvidence',
        parameters: [sha256Param],
        summary: 'An evidence snapshot, as uploaded.',
        responses: {
          '200': {
            description:
              'The image bytes as uploaded (Content-Type image/png or image/jpeg), with `X-Content-Type-Options: nosniff` (as every response) and a sandboxing Content-Security-Policy.',
            headers: {
              'Content-Type': { schema: { type: 'string', enum: ['image/png', 'image/jpeg'] } },
            },
          },
          '400': error('Bad hash in the path.'),
          ...authErrors,
          '404': error('No image with this SHA-256.'),
        },
      },
    },
    [`${p}/health`]: {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness and database reachability (no authentication).',
        security: [],
        responses: {
          '200': body('Health', 'Healthy.'),
          '503': error('The database is unreachable.'),
        },
      },
    },
    [`${p}/openapi.json`]: {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document (no authentication).',
        security: [],
        responses: {
          '200': { description: 'The OpenAPI 3.1 document.', content: json({ type: 'object' }) },
        },
      },
    },
  };
}

export interface OpenApiOptions {
  /** Base URL advertised in `servers`, e.g. `http://127.0.0.1:8787`. */
  serverUrl?: string;
  version?: string;
}

export function buildOpenApiDocument(options: OpenApiOptions = {}): JsonObject {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Flagpost governance endpoint',
      version: options.version ?? '1.0.0',
      description:
        'Bulk sync of reviewer flags and notes, creator history and policy pack delivery.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    security: [{ bearerAuth: [] }],
    paths: paths(),
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'One token per reviewer.' },
      },
      schemas: allComponents(),
    },
  };
}
