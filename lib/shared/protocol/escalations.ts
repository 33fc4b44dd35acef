/**
 * Escalations: an emergency case a reviewer sends to a lead, out of band of the batch sync.
 * Declared once here; the server parses with these, the extension sends and reads with
 * them, and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { sha256HexSchema } from './evidence';
import { enforcementActionKindSchema } from './history';
import { isoTimeSchema, itemRefSchema, recordIdSchema, reviewerIdSchema } from './records';
import { wireString } from './text';
import {
  ESCALATION_CATEGORIES,
  MAX_ESCALATION_EVIDENCE,
  MAX_ESCALATION_REASON,
  RESOLUTION_DECISIONS,
} from './vocabulary';

// The plain values live in vocabulary.ts (no Zod), so the content script can name them.
export {
  ESCALATION_CATEGORIES,
  MAX_ESCALATION_EVIDENCE,
  MAX_ESCALATION_REASON,
  RESOLUTION_DECISIONS,
};
export const escalationCategorySchema = z.enum(ESCALATION_CATEGORIES, {
  error: `must be one of ${ESCALATION_CATEGORIES.join(', ')}`,
});
export type EscalationCategory = z.infer<typeof escalationCategorySchema>;

export const ESCALATION_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const escalationStateSchema = z.enum(ESCALATION_STATES);
export type EscalationState = z.infer<typeof escalationStateSchema>;

/** What the extension sends: idempotent by `id`, one escalation per flag at most. */
export const escalationCreateSchema = z.object({
  /** Chosen by the extension (a ULID) when the reviewer escalates, so retries are safe. */
  id: recordIdSchema,
  flagId: recordIdSchema,
  category: escalationCategorySchema,
  reason: wireString().trim().min(1, 'a reason is required').max(MAX_ESCALATION_REASON),
  item: itemRefSchema,
  /** SHA-256 of evidence snapshots uploaded to /v1/evidence, if the reviewer attached any. */
  evidence: z
    .array(sha256HexSchema)
    .max(MAX_ESCALATION_EVIDENCE)
    .default([])
    .describe('SHA-256 of evidence snapshots, each uploaded first to PUT /evidence/{sha256}.'),
  /** When the reviewer pressed "escalate" (the latency clock starts here). */
  createdAt: isoTimeSchema,
});
export type EscalationCreate = z.infer<typeof escalationCreateSchema>;
export type EscalationCreateInput = z.input<typeof escalationCreateSchema>;

export const resolutionDecisionSchema = z.enum(RESOLUTION_DECISIONS);

/** A lead's resolution; `enforcementAction` is recorded on the creator as well. */
export const escalationResolveSchema = z.object({
  decision: resolutionDecisionSchema,
  note: wireString().max(MAX_ESCALATION_REASON).default(''),
  enforcementAction: z
    .object({
      /** A ULID chosen by the lead's tool, so the action is recorded once. */
      id: recordIdSchema,
      action: enforcementActionKindSchema,
      reason: wireString().min(1).max(MAX_ESCALATION_REASON),
    })
    .optional(),
});
export type EscalationResolve = z.infer<typeof escalationResolveSchema>;

/**
 * An escalation as the endpoint reports it. `category` is any string here, on purpose: an
 * endpoint newer than the extension may know categories it does not, and those must be
 * shown as unknown, never dropped.
 */
export const escalationSchema = z.object({
  id: recordIdSchema,
  flagId: recordIdSchema,
  reviewer: reviewerIdSchema,
  category: wireString().min(1).max(64),
  reason: wireString().max(MAX_ESCALATION_REASON),
  item: itemRefSchema,
  evidence: z.array(sha256HexSchema),
  createdAt: isoTimeSchema,
  state: escalationStateSchema,
  /** When the endpoint stored it. */
  receivedAt: isoTimeSchema,
  /** SLA deadlines from the category's stored timers, fixed when received. */
  acknowledgeDueAt: isoTimeSchema,
  resolveDueAt: isoTimeSchema,
  acknowledgedBy: reviewerIdSchema.nullable(),
  acknowledgedAt: isoTimeSchema.nullable(),
  resolvedBy: reviewerIdSchema.nullable(),
  resolvedAt: isoTimeSchema.nullable(),
  outcome: escalationResolveSchema.nullable(),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const escalationListSchema = z.object({ escalations: z.array(escalationSchema) });
export type EscalationList = z.infer<typeof escalationListSchema>;

/** One Server-Sent Event on /v1/escalations/events: `event: escalation`, this as data. */
export const escalationEventSchema = z.object({
  change: z.enum(['created', 'acknowledged', 'resolved']),
  escalation: escalationSchema,
});
export type EscalationEvent = z.infer<typeof escalationEventSchema>;
