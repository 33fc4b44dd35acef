/**
 * Messages of the reviewer's side panel (issue 7): the queue a page at a time, its counts,
 * bulk actions with a reason, and undo. All are 'extension': bulk actions rewrite many
 * records, so a content script (beside a hostile page) may never send them.
 */
import { z } from 'zod';
import { sha256HexSchema } from '@/lib/shared/protocol/evidence';
import {
  flagStatusSchema,
  marketSchema,
  recordIdSchema,
  severitySchema,
} from '@/lib/shared/protocol/records';
import type { MessageSpec } from './message-spec';
import { flagViewSchema, syncStateSchema } from './views';

export const queueFilterSchema = z.object({
  status: flagStatusSchema.optional(),
  policyId: z.string().min(1).max(128).optional(),
  severity: severitySchema.optional(),
  market: marketSchema.optional(),
  creatorKey: z.string().min(1).max(600).optional(),
  syncState: syncStateSchema.optional(),
});
export type QueueFilterView = z.infer<typeof queueFilterSchema>;

const queueCursorSchema = z.object({ createdAt: z.string().max(64), id: recordIdSchema });
export type QueueCursorView = z.infer<typeof queueCursorSchema>;

/** A queue row: the flag without its evidence, which the list does not show. */
export const queueRowSchema = flagViewSchema.omit({ evidence: true }).extend({
  /** SHA-256 of the flag's evidence snapshot (lib/shared/evidence/snapshot-link.ts), if any. */
  snapshot: sha256HexSchema.optional(),
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

export const workspaceMessages = {
  /** One page of the queue, newest first, after a cursor and/or past an offset. */
  'queue.page': {
    from: 'extension',
    request: z.object({
      filter: queueFilterSchema,
      after: queueCursorSchema.optional(),
      offset: z.int().min(0).max(1_000_000).optional(),
      limit: z.int().min(1).max(MAX_QUEUE_PAGE),
    }),
    response: z.object({ rows: z.array(queueRowSchema), next: queueCursorSchema.optional() }),
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
    response: z.object({ action: z.string(), restored: z.int(), skipped: z.int() }),
  },
} as const satisfies Record<string, MessageSpec>;
