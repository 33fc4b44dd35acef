/**
 * Messages of creator risk history (issue 6): chips, the creator panel, creator notes.
 *
 * Privilege: `creators.risk` and `rule.precision` answer with numbers only (a score, a band,
 * a precision), which the content script needs to draw chips and findings, so content
 * scripts may ask. `creator.history` answers with every reviewer's notes, their reviewer
 * ids and the governance system's enforcement reasons: that must never reach a process that
 * shares a tab with a hostile page, so it is for extension pages only (the creator panel is
 * one). The creator-note messages serve that panel and are extension-only too; the overlay
 * card adds creator notes with `note.create` like any other note.
 */
import { z } from 'zod';
import { creatorRefSchema, enforcementActionKindSchema } from '@/lib/shared/protocol/history';
import {
  flagSourceSchema,
  flagStatusSchema,
  isoTimeSchema,
  noteSchema,
  recordIdSchema,
  severitySchema,
} from '@/lib/shared/protocol/records';
import { RISK_BANDS, RISK_TRENDS, type RiskSummary } from '@/lib/shared/risk/bands';
import type { MessageSpec } from './message-spec';

export const MAX_CREATORS_PER_RISK_REQUEST = 500;

// The bands and trends the score computes (lib/shared/risk/bands.ts), declared there once.
export const riskBandSchema = z.enum(RISK_BANDS);
export const riskTrendSchema = z.enum(RISK_TRENDS);
export const recordSourceSchema = z.enum(['local', 'remote']);

/** summarizeRisk's answer (RiskSummary) as a message carries it; the compiler holds them equal. */
export const riskSummarySchema = z.object({
  score: z.int().min(0).max(100),
  band: riskBandSchema,
  trend: riskTrendSchema,
  previousScore: z.int().min(0).max(100),
}) satisfies z.ZodType<RiskSummary, RiskSummary>;

export const creatorRiskSchema = creatorRefSchema.extend(riskSummarySchema.shape).extend({
  /** When the endpoint's history in this score was fetched; absent: local records only. */
  historyFetchedAt: isoTimeSchema.optional(),
  /**
   * Whether the score says anything: known (local records or a fetched history; absent
   * means known), loading (nothing here yet, the endpoint's history is being fetched: the
   * tab hears `risk-changed` when it arrives) or unknown (nothing here and nothing coming).
   * A chip never reads "0 Low" for a creator it knows nothing about.
   */
  state: z.enum(['known', 'loading', 'unknown']).optional(),
});
export type CreatorRiskView = z.infer<typeof creatorRiskSchema>;

export const contributionViewSchema = z.object({
  flagId: recordIdSchema,
  policyId: z.string(),
  ruleId: z.string().optional(),
  severity: severitySchema,
  status: flagStatusSchema,
  source: recordSourceSchema,
  reviewer: z.string(),
  createdAt: isoTimeSchema,
  confidence: z.number().min(0).max(1),
  decay: z.number().min(0).max(1),
  points: z.number().nonnegative(),
  /** This flag's part of all the points, 0..1. */
  share: z.number().min(0).max(1),
});
export type ContributionView = z.infer<typeof contributionViewSchema>;

const entryBase = { id: recordIdSchema, at: isoTimeSchema };
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    ...entryBase,
    kind: z.literal('flag'),
    source: recordSourceSchema,
    reviewer: z.string(),
    policyId: z.string(),
    ruleId: z.string().optional(),
    severity: severitySchema,
    status: flagStatusSchema,
    flagSource: flagSourceSchema,
    itemId: z.string(),
    itemUrl: z.string(),
    itemTitle: z.string().optional(),
    note: z.string(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('note'),
    source: recordSourceSchema,
    reviewer: z.string(),
    about: z.enum(['creator', 'item']),
    itemId: z.string().optional(),
    itemUrl: z.string().optional(),
    itemTitle: z.string().optional(),
    text: z.string(),
    /** A local note on the creator: this reviewer may edit or delete it here. */
    editable: z.boolean(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('enforcement'),
    action: enforcementActionKindSchema,
    reason: z.string(),
  }),
]);
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const remoteHistoryStateSchema = z.object({
  /** not-configured: no endpoint or token; none: never fetched; fresh: fetched just now or
   * recently; cached: the last fetch failed or was skipped, showing an older copy. */
  state: z.enum(['not-configured', 'none', 'fresh', 'cached']),
  fetchedAt: isoTimeSchema.optional(),
  ageMs: z.int().nonnegative().optional(),
  error: z.string().optional(),
});
export type RemoteHistoryState = z.infer<typeof remoteHistoryStateSchema>;

export const creatorHistoryViewSchema = z.object({
  creator: creatorRefSchema.extend({
    handle: z.string().optional(),
    displayName: z.string().optional(),
  }),
  summary: riskSummarySchema,
  explanation: z.array(contributionViewSchema),
  /** Newest first. */
  timeline: z.array(timelineEntrySchema),
  /** Entries left out beyond the limit (the oldest). */
  omitted: z.int().nonnegative(),
  series: z.array(z.object({ at: isoTimeSchema, score: z.int().min(0).max(100) })),
  remote: remoteHistoryStateSchema,
});
export type CreatorHistoryView = z.infer<typeof creatorHistoryViewSchema>;

export const rulePrecisionSchema = z.object({
  policyId: z.string(),
  ruleId: z.string(),
  precision: z.number().min(0).max(1),
  confirmed: z.int().nonnegative(),
  dismissed: z.int().nonnegative(),
  decisions: z.int().nonnegative(),
});

/** A note's text as typed: trimmed, then the wire record's own checks (records.ts). */
export const noteTextSchema = z.string().trim().pipe(noteSchema.shape.text);

export const riskMessages = {
  /** Scores for the creators on a page (a feed shows hundreds): local + cached history. */
  'creators.risk': {
    from: 'content',
    request: z.object({ creators: z.array(creatorRefSchema).max(MAX_CREATORS_PER_RISK_REQUEST) }),
    response: z.object({ risks: z.array(creatorRiskSchema) }),
  },
  /**
   * The chip's click: a web page cannot open an extension page itself (nor should
   * creator.html be web-accessible), so the background opens it in a new tab.
   */
  'creator.open': {
    from: 'content',
    request: z.object({ creator: creatorRefSchema }),
    response: z.object({ url: z.string() }),
  },
  'creator.history': {
    from: 'extension',
    request: z.object({
      creator: creatorRefSchema,
      /** Fetch the endpoint's history before answering (default); false: the cache as is. */
      refresh: z.boolean().default(true),
    }),
    response: creatorHistoryViewSchema,
  },
  'creator.note.create': {
    from: 'extension',
    request: z.object({ creator: creatorRefSchema, text: noteTextSchema }),
    response: noteSchema,
  },
  'creator.note.edit': {
    from: 'extension',
    request: z.object({ id: recordIdSchema, text: noteTextSchema }),
    response: noteSchema,
  },
  'creator.note.delete': {
    from: 'extension',
    request: z.object({ id: recordIdSchema }),
    response: noteSchema,
  },
  'rule.precision': {
    from: 'content',
    request: z.object({
      rules: z
        .array(
          z.object({ policyId: z.string().min(1).max(128), ruleId: z.string().min(1).max(128) }),
        )
        .max(500),
    }),
    response: z.object({ rules: z.array(rulePrecisionSchema) }),
  },
} as const satisfies Record<string, MessageSpec>;
