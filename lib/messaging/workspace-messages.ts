/**
 * Messages of the reviewer's side panel (issue 7): the queue a page at a time, its counts,
 * bulk actions with a reason, and undo. All are 'extension': bulk actions rewrite many
 * records, so a content script (beside a hostile page) may never send them.
 */
import { z } from 'zod';
import { localDayProblem } from '@/lib/shared/local-day';
import { sha256HexSchema } from '@/lib/shared/protocol/evidence';
import {
  flagStatusSchema,
  marketSchema,
  recordIdSchema,
  severitySchema,
} from '@/lib/shared/protocol/records';
import { RISK_BANDS } from '@/lib/shared/risk/bands';
import { QUEUE_SORTS } from '@/lib/shared/risk/queue-priority';
import type { MessageSpec } from './message-spec';
import { flagViewSchema, syncStateSchema } from './views';

/** A reviewer's local calendar day, "2026-12-07" (lib/shared/local-day.ts). */
export const localDaySchema = z.string().superRefine((day, ctx) => {
  const problem = localDayProblem(day);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const queueFilterSchema = z.object({
  status: flagStatusSchema.optional(),
  policyId: z.string().min(1).max(128).optional(),
  severity: severitySchema.optional(),
  market: marketSchema.optional(),
  creatorKey: z.string().min(1).max(600).optional(),
  syncState: syncStateSchema.optional(),
  /** One local calendar day (YYYY-MM-DD) of creation: the dashboard's per-day chart. */
  day: localDaySchema.optional(),
});
export type QueueFilterView = z.infer<typeof queueFilterSchema>;

const queueCursorSchema = z.object({ createdAt: z.string().max(64), id: recordIdSchema });

export const queueSortSchema = z.enum(QUEUE_SORTS);
export type QueueSortView = z.infer<typeof queueSortSchema>;

/** Why a row ranks where it does (lib/shared/risk/queue-priority.ts), in sorted queues. */
export const queueRankSchema = z.object({
  score: z.int(),
  undecided: z.boolean(),
  severityPoints: z.int(),
  riskPoints: z.int(),
  agePoints: z.int(),
  ageDays: z.int(),
  risk: z.object({ score: z.int().min(0).max(100), band: z.enum(RISK_BANDS) }).optional(),
});
export type QueueRankView = z.infer<typeof queueRankSchema>;

/** A queue row: the flag without its evidence ranges, with the words they matched instead. */
export const queueRowSchema = flagViewSchema.omit({ evidence: true }).extend({
  /** SHA-256 of the flag's evidence snapshot (lib/shared/evidence/snapshot-link.ts), if any. */
  snapshot: sha256HexSchema.optional(),
  /** The page text the evidence matched (lib/shared/evidence/excerpts.ts). */
  evidenceText: z.array(z.string().max(200)).max(3).optional(),
  rank: queueRankSchema.optional(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const MAX_QUEUE_PAGE = 200;
/** An explicit selection travels as ids; "all matching" travels as the filter instead. */
export const MAX_SELECTED_IDS = 5_000;

const statusCountsSchema = z.object({
  suggested: z.int(),
  confirmed: z.int(),
  dismissed: z.int(),
});

export const bulkActionSchema = z.enum(['confirm', 'dismiss', 'delete', 'sync']);
export type BulkActionView = z.infer<typeof bulkActionSchema>;

export const undoSummarySchema = z.object({
  id: z.string(),
  action: z.string(),
  reason: z.string(),
  count: z.int(),
  createdAt: z.string(),
});
export type UndoSummaryView = z.infer<typeof undoSummarySchema>;

export const undoResultSchema = z.object({
  action: z.string(),
  restored: z.int(),
  /** Flags changed again since the action: left as they are, not overwritten. */
  skipped: z.int(),
});
export type UndoResultView = z.infer<typeof undoResultSchema>;

export const workspaceMessages = {
  /**
   * One page of the queue, after a cursor and/or past an offset: newest first, or in a
   * sorted order (priority by default in the panel). A sorted order is computed once and
   * named by `order`; later pages that pass it continue that same order, so rows never jump
   * between pages while the reviewer works through them.
   */
  'queue.page': {
    from: 'extension',
    request: z.object({
      filter: queueFilterSchema,
      sort: queueSortSchema.optional(),
      order: z.string().min(1).max(64).optional(),
      after: queueCursorSchema.optional(),
      offset: z.int().min(0).max(1_000_000).optional(),
      limit: z.int().min(1).max(MAX_QUEUE_PAGE),
    }),
    response: z.object({
      rows: z.array(queueRowSchema),
      next: queueCursorSchema.optional(),
      order: z.string().optional(),
    }),
  },
  'queue.counts': {
    from: 'extension',
    request: z.object({ filter: queueFilterSchema }),
    response: z.object({ matching: z.int(), byStatus: statusCountsSchema }),
  },
  /** Filter choices only the data knows: policies and creators that have flags. */
  'queue.facets': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ policyIds: z.array(z.string()), creatorKeys: z.array(z.string()) }),
  },
  'queue.bulk': {
    from: 'extension',
    request: z.object({
      action: bulkActionSchema,
      reason: z.string().trim().min(1).max(500),
      selection: z.union([
        z.object({ ids: z.array(recordIdSchema).min(1).max(MAX_SELECTED_IDS) }),
        z.object({ filter: queueFilterSchema }),
      ]),
    }),
    response: z.object({ affected: z.int(), undo: undoSummarySchema.optional() }),
  },
  'queue.lastUndo': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ undo: undoSummarySchema.optional() }),
  },
  /** Restores the flags of the last bulk action as new revisions. */
  'queue.undo': {
    from: 'extension',
    request: z.object({}),
    response: undoResultSchema,
  },
} as const satisfies Record<string, MessageSpec>;
