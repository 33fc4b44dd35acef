/**
 * Shapes shared by several message families (records as the UI sees them, policy input and
 * findings). Message files import these, never message-map.ts, to avoid import cycles.
 */
import { z } from 'zod';
import { escalationCategorySchema } from '@/lib/shared/protocol/escalations';
import {
  evidenceSchema,
  flagSchema,
  noteSchema,
  severitySchema,
} from '@/lib/shared/protocol/records';

export const syncStateSchema = z.enum(['pending', 'synced', 'stale', 'rejected', 'discarded']);
const syncFields = { syncState: syncStateSchema, syncError: z.string().optional() };
export const flagViewSchema = flagSchema.extend(syncFields);
export type FlagView = z.infer<typeof flagViewSchema>;
export const noteViewSchema = noteSchema.extend(syncFields);

/** What the content script asks the policy engine to check, per item (see lib/shared/policy). */
export const policyInputSchema = z.object({
  market: z.string().max(8).optional(),
  fields: z.record(z.string().max(64), z.string().max(20_000).optional()),
  hashtags: z.array(z.string().max(200)).max(100).optional(),
  price: z
    .object({
      amount: z.number().finite().nonnegative(),
      currency: z.string().min(3).max(3),
      listAmount: z.number().finite().nonnegative().optional(),
    })
    .optional(),
  accountAgeDays: z.number().finite().nonnegative().optional(),
});

export const findingSchema = z.object({
  policyId: z.string(),
  policyVersion: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  title: z.string(),
  evidence: z.array(evidenceSchema),
  /** The rule's measured precision (smoothed) and how many decisions it rests on. */
  precision: z.number().min(0).max(1).optional(),
  decisions: z.int().nonnegative().optional(),
  /** The folds that made the evidence match (fold ids such as "emoji-removed"). */
  folds: z.array(z.string().max(40)).max(32).optional(),
  /**
   * Why a rule with context fired: the partner found around a match (the card says so). At
   * most 32 are kept (never a reason to refuse the findings), a clause named loosely.
   */
  context: z
    .preprocess(
      (notes) => (Array.isArray(notes) ? notes.slice(0, 32) : notes),
      z.array(
        z.object({
          clause: z.string().max(20),
          source: z.string().max(80),
          match: evidenceSchema,
          partner: evidenceSchema,
          words: z.int().nonnegative().optional(),
        }),
      ),
    )
    .optional(),
  /** The policy is an emergency category: the card proposes an escalation (reviewer confirms). */
  emergency: z.literal(true).optional(),
  /** The category the proposed escalation starts with, when the pack names one. */
  escalationCategory: escalationCategorySchema.optional(),
  /**
   * Not a rule match: the learned scorer's suggestion (lib/shared/policy/scorer), its
   * probability, the threshold it passed and the words that drove it (also the evidence).
   */
  suggested: z
    .object({
      probability: z.number().min(0).max(1),
      threshold: z.number().min(0).max(1),
      features: z
        .array(z.object({ text: z.string().max(2000), weight: z.number().finite() }))
        .max(8),
    })
    .optional(),
});
