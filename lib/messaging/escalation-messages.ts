/**
 * Messages about escalations: escalate a flag (from the overlay card or the side panel),
 * read a flag's receipts, and the lane's status for the popup and side panel.
 */
import { z } from 'zod';
import {
  MAX_ESCALATION_EVIDENCE,
  MAX_ESCALATION_REASON,
  resolutionDecisionSchema,
} from '@/lib/shared/protocol/escalations';
import { sha256HexSchema } from '@/lib/shared/protocol/evidence';
import { creatorRefSchema, enforcementActionKindSchema } from '@/lib/shared/protocol/history';
import { recordIdSchema } from '@/lib/shared/protocol/records';
import { draftTicketSchema } from './draft-messages';
import { snapshotOutcomeSchema, snapshotRequestSchema } from './evidence-messages';
import type { MessageSpec } from './message-spec';

/**
 * Where an escalation stands, as the reviewer reads it: `queued` (not yet stored by the
 * endpoint), `delivered`, `acknowledged`, `resolved`, or `refused` (the endpoint will not
 * take it: `error` says why).
 */
export const escalationStageSchema = z.enum([
  'queued',
  'delivered',
  'acknowledged',
  'resolved',
  'refused',
]);
export type EscalationStage = z.infer<typeof escalationStageSchema>;

export const escalationViewSchema = z.object({
  id: z.string(),
  flagId: z.string(),
  /** As the endpoint knows it: possibly a category this release has no name for. */
  category: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  stage: escalationStageSchema,
  deliveredAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  outcome: z
    .object({
      decision: z.union([resolutionDecisionSchema, z.string()]),
      note: z.string(),
      enforcementAction: enforcementActionKindSchema.or(z.string()).optional(),
    })
    .optional(),
  /** The last failure while queued, or why it was refused. */
  error: z.string().optional(),
});
export type EscalationView = z.infer<typeof escalationViewSchema>;

/** Not stored by the endpoint 30 s after escalating: the popup and badge warn until it is. */
export const ESCALATION_DELIVERY_WARNING_MS = 30_000;

export const escalationStatusSchema = z.object({
  escalations: z.array(escalationViewSchema),
  /** Escalations past the 30 s mark and still not stored by the endpoint (queued or refused). */
  overdue: z.int(),
  /** Why the oldest overdue one is not delivered (an endpoint error, no endpoint set). */
  overdueReason: z.string().optional(),
});
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

/**
 * One decision about a creator (lib/shared/risk/decisions.ts): an escalation's receipts and
 * outcome, or an enforcement action. Values this release has no name for are kept, flagged.
 */
export const creatorDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('escalation'),
    id: z.string(),
    flagId: z.string(),
    itemId: z.string(),
    category: z.string(),
    categoryKnown: z.boolean(),
    reason: z.string(),
    state: z.string(),
    at: z.string(),
    acknowledgedBy: z.string().optional(),
    decision: z.string().optional(),
    decisionKnown: z.boolean().optional(),
    note: z.string().optional(),
    enforcementAction: z.string().optional(),
    enforcementKnown: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('enforcement'),
    id: z.string(),
    action: z.string(),
    actionKnown: z.boolean(),
    reason: z.string(),
    at: z.string(),
  }),
]);
export type CreatorDecisionView = z.infer<typeof creatorDecisionSchema>;

export const escalationMessages = {
  /** Escalate a stored flag; a flag is escalated once (again: the same escalation). */
  'escalation.create': {
    from: 'content',
    request: z.object({
      flagId: recordIdSchema,
      // Validated against the protocol's categories by the background, with a clear message.
      category: z.string().max(64),
      reason: z.string().max(MAX_ESCALATION_REASON).default(''),
      /**
       * From the overlay card: the ticket of the reason typed in its secure field (the page
       * cannot read it; neither can the content script), taken instead of `reason`.
       */
      reasonDraft: draftTicketSchema.optional(),
      evidence: z.array(sha256HexSchema).max(MAX_ESCALATION_EVIDENCE).optional(),
      /**
       * From the overlay card: keep a snapshot of the item and attach it. The background
       * captures the sender's own tab (evidence-capture.ts), never one the message names.
       */
      snapshot: snapshotRequestSchema.optional(),
    }),
    /** The escalation, plus the snapshot's fate when one was asked for. */
    response: escalationViewSchema.extend({ snapshot: snapshotOutcomeSchema.optional() }),
  },
  /** The receipts of one flag's escalation (the card shows them). */
  'escalation.forFlag': {
    from: 'content',
    request: z.object({ flagId: recordIdSchema }),
    response: z.object({ escalation: escalationViewSchema.optional() }),
  },
  /**
   * What leads and the governance system decided about a creator: this reviewer's
   * escalations about the creator's items with their outcomes, and the enforcement actions
   * (pushed by the endpoint as they are recorded). `live`: the event stream is open now.
   */
  'creator.decisions': {
    from: 'extension',
    request: z.object({ creator: creatorRefSchema }),
    response: z.object({ decisions: z.array(creatorDecisionSchema).max(2000), live: z.boolean() }),
  },
  /** Every escalation with its receipts, newest first, and the delivery warning. */
  'escalation.status': {
    from: 'extension',
    request: z.object({}),
    response: escalationStatusSchema,
  },
} satisfies Record<string, MessageSpec>;
