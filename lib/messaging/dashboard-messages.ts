/**
 * Messages of the analyst's dashboard and of export / import (issue 7). Extension pages
 * only: they read every record and write many.
 *
 * Sizes: export comes page by page (`exchange.exportPage`, up to 5,000 records a page), so
 * any store fits. An import file travels in parts of up to IMPORT_PART_CHARS characters
 * (`exchange.upload`), up to MAX_IMPORT_CHARS in all, and is merged by `exchange.import`
 * in one transaction. Parts live in the service worker's memory: if the worker restarts
 * mid-upload, `exchange.import` answers that the upload is incomplete and the page says so.
 */
import { z } from 'zod';
import { exportedCreatorSchema } from '@/lib/shared/exchange/envelope';
import {
  flagSchema,
  flagStatusSchema,
  isoTimeSchema,
  noteSchema,
} from '@/lib/shared/protocol/records';
import type { MessageSpec } from './message-spec';

export const IMPORT_PART_CHARS = 4 * 1024 * 1024;
export const MAX_IMPORT_PARTS = 16;
export const MAX_IMPORT_CHARS = IMPORT_PART_CHARS * MAX_IMPORT_PARTS;
export const EXPORT_PAGE_SIZE = 2_000;

const count = z.int().nonnegative();
const ruleSchema = z.object({
  policyId: z.string(),
  ruleId: z.string(),
  confirmed: count,
  dismissed: count,
  /** confirmed / (confirmed + dismissed); absent with no decisions yet. */
  observed: z.number().optional(),
  smoothed: z.number(),
});

export const dashboardSummarySchema = z.object({
  total: count,
  inRange: count,
  perDay: z.array(z.object({ start: z.string(), count })),
  perPolicy: z.array(z.object({ policyId: z.string(), inRange: count, total: count })),
  perStatus: z.array(z.object({ status: flagStatusSchema, inRange: count })),
  perSeverity: z.array(z.object({ severity: z.string(), count })),
  /** All time; `market: ''` counts flags whose item has no known market. */
  perMarket: z.array(z.object({ market: z.string(), count })),
  topCreators: z.array(z.object({ creatorKey: z.string(), handle: z.string().optional(), count })),
  rules: z.object({ source: z.enum(['decisions', 'flags']), rows: z.array(ruleSchema) }),
  sync: z.object({
    pending: count,
    rejected: count,
    lastAttemptAt: z.string().optional(),
    lastSuccessAt: z.string().optional(),
    lastError: z.string().optional(),
  }),
});
export type DashboardSummaryView = z.infer<typeof dashboardSummarySchema>;

const tallySchema = z.object({
  added: count,
  updated: count,
  unchanged: count,
  older: count,
  conflict: count,
});
export const importResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('imported'),
    report: z.object({
      flags: tallySchema,
      notes: tallySchema,
      creators: tallySchema,
      conflicts: z.array(
        z.object({
          type: z.enum(['flag', 'note', 'creator']),
          id: z.string(),
          revision: z.int().optional(),
        }),
      ),
      queued: count,
      localOnly: count,
    }),
  }),
  z.object({
    status: z.literal('invalid'),
    problems: z.array(z.object({ where: z.string(), message: z.string() })),
  }),
  /** The upload's parts did not all arrive (e.g. the service worker restarted). */
  z.object({ status: z.literal('incomplete') }),
]);
export type ImportResultView = z.infer<typeof importResultSchema>;

const page = <K extends string, T extends z.ZodType>(kind: K, record: T) =>
  z.object({ kind: z.literal(kind), records: z.array(record), next: z.string().optional() });

const uploadIdSchema = z.string().regex(/^[\w-]{8,64}$/);

export const dashboardMessages = {
  /** `boundaries`: the starts of the days shown and the end of the last, in the page's zone. */
  'dashboard.summary': {
    from: 'extension',
    request: z.object({ boundaries: z.array(isoTimeSchema).min(2).max(367) }),
    response: dashboardSummarySchema,
  },
  'exchange.exportPage': {
    from: 'extension',
    request: z.object({
      kind: z.enum(['flags', 'notes', 'creators']),
      after: z.string().max(600).default(''),
      limit: z.int().min(1).max(5_000).default(EXPORT_PAGE_SIZE),
    }),
    response: z.discriminatedUnion('kind', [
      page('flags', flagSchema),
      page('notes', noteSchema),
      page('creators', exportedCreatorSchema),
    ]),
  },
  'exchange.upload': {
    from: 'extension',
    request: z.object({
      uploadId: uploadIdSchema,
      index: z
        .int()
        .min(0)
        .max(MAX_IMPORT_PARTS - 1),
      count: z.int().min(1).max(MAX_IMPORT_PARTS),
      text: z.string().max(IMPORT_PART_CHARS),
    }),
    response: z.object({ received: count }),
  },
  /** Validates the whole uploaded file, then merges it in one transaction (or changes nothing). */
  'exchange.import': {
    from: 'extension',
    request: z.object({ uploadId: uploadIdSchema }),
    response: importResultSchema,
  },
} as const satisfies Record<string, MessageSpec>;
