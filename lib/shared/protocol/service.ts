/**
 * The rest of the governance API's wire format: policy pack delivery, health and error
 * bodies.
 */
import { z } from 'zod';
import { isoTimeSchema, reviewerIdSchema } from './records';
import { wireJson, wireString } from './text';

export const policyPackVersionSchema = wireString().min(1).max(64);

/**
 * The pack travels as plain JSON: the endpoint stores and serves it without interpreting it,
 * and the extension validates it with the policy engine's own schema (and signature) before
 * it replaces the pack in use. That keeps the endpoint independent of pack schema changes.
 */
const packJsonSchema = wireJson()
  .refine((value) => value !== undefined, { message: 'pack is required' })
  .meta({ description: 'The policy pack JSON, served as published.' });

export const policyPackPublishSchema = z.object({
  version: policyPackVersionSchema,
  pack: packJsonSchema,
});
export type PolicyPackPublish = z.infer<typeof policyPackPublishSchema>;

export const policyPackEnvelopeSchema = z.object({
  version: policyPackVersionSchema,
  /** The same strong validator the `ETag` header carries. */
  etag: wireString(),
  publishedAt: isoTimeSchema,
  publishedBy: reviewerIdSchema,
  pack: packJsonSchema,
});
export type PolicyPackEnvelope = z.infer<typeof policyPackEnvelopeSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  apiVersion: z.literal('v1'),
  time: isoTimeSchema,
});
export type Health = z.infer<typeof healthSchema>;

export const ERROR_CODES = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'no_policy_pack',
  'method_not_allowed',
  /** The request contradicts what is stored (an escalation resolved otherwise, an id reused). */
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  /** An evidence body whose bytes are not the image type its Content-Type names (415). */
  'evidence_type_mismatch',
  /** The request body did not arrive in time (408); the connection is closed. */
  'request_timeout',
  'rate_limited',
  'service_unavailable',
  'internal_error',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /**
     * For `validation_failed`: `{ issues: [{ path, message, code }] }`, `code` being
     * `unsafe_text` for U+0000 or a lone surrogate, otherwise Zod's issue code (`too_big`...);
     * otherwise code-specific.
     */
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
