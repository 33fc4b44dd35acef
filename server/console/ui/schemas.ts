/** What the console's API answers, checked with Zod before any of it is drawn. */
import { z } from 'zod';
import { escalationEventSchema, escalationSchema } from '@/lib/shared/protocol/escalations';
import { enforcementActionSchema } from '@/lib/shared/protocol/history';
import { flagSchema, noteSchema } from '@/lib/shared/protocol/records';

export const sessionSchema = z.object({
  reviewer: z.string(),
  role: z.enum(['lead', 'admin']),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

const count = z.number().int().nonnegative();
const rate = z.number().nullable();

export const escalationRowSchema = escalationSchema.extend({
  acknowledgeOverdue: z.boolean(),
  resolveOverdue: z.boolean(),
});
export type EscalationRow = z.infer<typeof escalationRowSchema>;

export const escalationQueueSchema = z.object({
  rows: z.array(escalationRowSchema),
  nextCursor: z.string().nullable(),
  counts: z.object({ open: count, acknowledged: count, resolved: count }),
  now: z.string(),
});

export { escalationEventSchema, escalationSchema };

export const flagRowSchema = z.object({
  id: z.string(),
  reviewer: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  policyId: z.string(),
  ruleId: z.string().nullable(),
  severity: z.string(),
  status: z.string(),
  market: z.string().nullable(),
  platform: z.string(),
  kind: z.string(),
  itemId: z.string(),
  url: z.string(),
  creatorId: z.string().nullable(),
  creatorHandle: z.string().nullable(),
  title: z.string().nullable(),
});
export const flagPageSchema = z.object({
  rows: z.array(flagRowSchema),
  nextCursor: z.string().nullable(),
});

export const rulePrecisionRowSchema = z.object({
  policyId: z.string(),
  ruleId: z.string(),
  suggested: count,
  confirmed: count,
  dismissed: count,
  precision: rate,
  tighten: z.boolean(),
});
export type RulePrecisionRow = z.infer<typeof rulePrecisionRowSchema>;
export const rulePrecisionSchema = z.object({
  rules: z.array(rulePrecisionRowSchema),
  toTighten: z.array(rulePrecisionRowSchema),
});

export const creatorViewSchema = z.object({
  creator: z.object({
    platform: z.string(),
    creatorId: z.string(),
    handle: z.string().nullable(),
  }),
  totals: z.object({
    flags: count,
    suggested: count,
    confirmed: count,
    dismissed: count,
    notes: count,
    reviewers: count,
  }),
  flags: z.array(flagSchema),
  notes: z.array(noteSchema),
  actions: z.array(enforcementActionSchema),
  rulePrecision: z.array(rulePrecisionRowSchema),
});
export type CreatorViewData = z.infer<typeof creatorViewSchema>;

const decisionCounts = { flags: count, suggested: count, confirmed: count, dismissed: count };
export const policyMarketRowsSchema = z.object({
  rows: z.array(
    z.object({
      day: z.string(),
      policyId: z.string(),
      market: z.string().nullable(),
      ...decisionCounts,
    }),
  ),
});
export type PolicyMarketRow = z.infer<typeof policyMarketRowsSchema>['rows'][number];
export const reviewerRowsSchema = z.object({
  rows: z.array(
    z.object({
      reviewer: z.string(),
      medianDecisionSeconds: z.number().nullable(),
      ...decisionCounts,
    }),
  ),
});

const statsSchema = {
  pairs: count,
  agreed: count,
  agreementRate: rate,
  kappa: rate,
};
export const agreementSchema = z.object({
  by: z.enum(['item', 'rule']),
  units: count,
  overall: z.object(statsSchema),
  groups: z.array(z.object({ ...statsSchema, key: z.string(), units: count })),
  reviewerPairs: z.array(
    z.object({ ...statsSchema, reviewerA: z.string(), reviewerB: z.string() }),
  ),
});

export const enforcementActionResultSchema = enforcementActionSchema;
