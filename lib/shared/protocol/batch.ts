/**
 * Bulk sync: the extension's outbox sends flags and notes in batches; the endpoint answers
 * with one result per record, in request order (`results[i]` answers `records[i]`).
 * Ingest is idempotent by id and revision, which is what makes delivery exactly-once in
 * effect: a retried batch changes nothing and says `unchanged`.
 */
import { z } from 'zod';
import { MAX_BATCH_ITEMS } from './limits';
import { flagSchema, noteSchema, recordIdSchema } from './records';
import { wireString } from './text';

export const RECORD_TYPES = ['flag', 'note'] as const;
export const recordTypeSchema = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof recordTypeSchema>;

export const batchItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flag'), record: flagSchema }),
  z.object({ type: z.literal('note'), record: noteSchema }),
]);
export type BatchItem = z.infer<typeof batchItemSchema>;

export const batchRequestSchema = z.object({
  records: z.array(batchItemSchema).max(MAX_BATCH_ITEMS),
});
export type BatchRequest = z.infer<typeof batchRequestSchema>;

/**
 * What the endpoint checks before it looks at any single record: the shape it needs to
 * answer per record (type, id, revision). A record that passes this but fails its own
 * schema is `rejected` on its own instead of failing the other 499 with it.
 */
export const batchEnvelopeSchema = z.object({
  records: z.array(
    z.object({
      type: recordTypeSchema,
      // Unbounded here (any safe integer) so that a revision beyond the database column is
      // that record's own rejection (`out_of_range`), not the whole request's 400.
      record: z.looseObject({ id: recordIdSchema, revision: z.int().min(1) }),
    }),
  ),
});
export type BatchEnvelope = z.infer<typeof batchEnvelopeSchema>;

export const ITEM_RESULTS = ['created', 'updated', 'unchanged', 'stale', 'rejected'] as const;
export const itemResultKindSchema = z.enum(ITEM_RESULTS);

/** Why a record was rejected; the client keeps it visible until the reviewer acts. */
export const REJECTION_CODES = [
  /** The record fails its schema; `reason` and `field` name the field. */
  'invalid_record',
  /** A string of the record holds U+0000 or a lone surrogate, which no database column holds. */
  'invalid_text',
  /** An integer of the record (a revision) is beyond what the endpoint stores (2^31 - 1). */
  'out_of_range',
  /** The record's `reviewer` is not the reviewer the token belongs to. */
  'reviewer_mismatch',
  /** The id is already taken by another reviewer's record. */
  'not_owner',
  /** The id is already taken by a record of the other type. */
  'type_mismatch',
  /** This revision was already stored with different content. */
  'revision_conflict',
] as const;
export const rejectionCodeSchema = z.enum(REJECTION_CODES);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const itemResultSchema = z.object({
  type: recordTypeSchema,
  id: recordIdSchema,
  revision: z.int().min(1),
  result: itemResultKindSchema,
  /** Present when `result` is `rejected`: what was wrong and where. */
  reason: wireString().optional(),
  code: rejectionCodeSchema.optional(),
  /** Present when `result` is `rejected` for a field: its path in the record (`item.title`). */
  field: wireString().optional(),
  /** The revision the endpoint holds after this record (absent when it holds none). */
  serverRevision: z.int().min(1).optional(),
});
export type ItemResult = z.infer<typeof itemResultSchema>;

export const batchResponseSchema = z.object({
  results: z.array(itemResultSchema),
  counts: z.object({
    created: z.int().nonnegative(),
    updated: z.int().nonnegative(),
    unchanged: z.int().nonnegative(),
    stale: z.int().nonnegative(),
    rejected: z.int().nonnegative(),
  }),
});
export type BatchResponse = z.infer<typeof batchResponseSchema>;
