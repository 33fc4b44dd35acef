/**
 * The wire format of what reviewers record: flags, notes and the items and creators they
 * are about. The extension stores exactly these shapes, the governance endpoint ingests
 * them and the OpenAPI document is generated from them: this file is the single source of
 * truth for all three.
 */
import { z } from 'zod';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const CONTENT_KINDS = ['video', 'live', 'product', 'profile', 'comment'] as const;
export const contentKindSchema = z.enum(CONTENT_KINDS);
export type ContentKind = z.infer<typeof contentKindSchema>;

export const MARKETS = ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'] as const;
export const marketSchema = z.enum(MARKETS);
export type Market = z.infer<typeof marketSchema>;

/** Client-generated, time-ordered ids (ULID: 26 Crockford base32 characters). */
export const recordIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID (26 Crockford base32 characters)');

export const isoTimeSchema = z.iso.datetime({ offset: true });

const shortText = (max: number) => z.string().max(max);

export const platformSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a lower-case platform name such as "shopvid"');

export const itemRefSchema = z.object({
  platform: platformSchema,
  kind: contentKindSchema,
  itemId: z.string().min(1).max(256),
  // Web pages only: a javascript: or data: URL from a hostile page must never become a link.
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  creatorId: z.string().min(1).max(256).optional(),
  creatorHandle: shortText(256).optional(),
  title: shortText(1000).optional(),
  market: marketSchema.optional(),
});
export type ItemRef = z.infer<typeof itemRefSchema>;

export const creatorSchema = z.object({
  platform: platformSchema,
  creatorId: z.string().min(1).max(256),
  handle: shortText(256),
  displayName: shortText(256).optional(),
});
export type Creator = z.infer<typeof creatorSchema>;

/** One piece of evidence: a range of a field's original (un-normalised) text. */
export const evidenceSchema = z
  .object({
    field: z.string().min(1).max(64),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
    text: shortText(2000),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] });
export type Evidence = z.infer<typeof evidenceSchema>;

export const flagStatusSchema = z.enum(['suggested', 'confirmed', 'dismissed']);
export type FlagStatus = z.infer<typeof flagStatusSchema>;
export const flagSourceSchema = z.enum(['auto', 'manual']);
export type FlagSource = z.infer<typeof flagSourceSchema>;

export const reviewerIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.@-]+$/, 'may hold letters, digits, ".", "@", "_" and "-" only');

/** Fields every synced record carries: identity, revision, authorship, tombstone. */
const recordBase = {
  id: recordIdSchema,
  /** Starts at 1; every edit (and the deletion) makes the next revision. */
  revision: z.int().min(1),
  reviewer: reviewerIdSchema,
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** A deletion is a tombstone: it keeps the id and syncs like an edit. */
  deleted: z.boolean().default(false),
};

export const flagSchema = z.object({
  ...recordBase,
  item: itemRefSchema,
  policyId: z.string().min(1).max(128),
  policyVersion: z.string().min(1).max(64),
  /** The rule that produced an automatic finding; absent on manual flags. */
  ruleId: z.string().min(1).max(128).optional(),
  severity: severitySchema,
  source: flagSourceSchema,
  status: flagStatusSchema,
  evidence: z.array(evidenceSchema).max(50).default([]),
  note: shortText(5000).default(''),
});
export type Flag = z.infer<typeof flagSchema>;

export const noteTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('item'), item: itemRefSchema }),
  z.object({ type: z.literal('creator'), creator: creatorSchema }),
]);
export type NoteTarget = z.infer<typeof noteTargetSchema>;

export const noteSchema = z.object({
  ...recordBase,
  target: noteTargetSchema,
  text: z.string().min(1).max(5000),
});
export type Note = z.infer<typeof noteSchema>;

/** Stable keys used to index items and creators across the extension and the server. */
export const itemKey = (ref: { platform: string; itemId: string }) =>
  `${ref.platform}:${ref.itemId}`;
export const creatorKey = (ref: { platform: string; creatorId: string }) =>
  `${ref.platform}:${ref.creatorId}`;
