/**
 * The wire format of what reviewers record: flags, notes and the items and creators they
 * are about. The extension stores exactly these shapes, the governance endpoint ingests
 * them and the OpenAPI document is generated from them: this file is the single source of
 * truth for all three.
 */
import { z } from 'zod';
import { refuseUnsafeText, wireInt, wireString } from './text';
import { CONTENT_KINDS, ITEM_LIMITS, MARKETS, PLATFORM_PATTERN, SEVERITIES } from './vocabulary';

export {
  CONTENT_KINDS,
  type ContentKind,
  creatorKey,
  itemKey,
  MARKETS,
  type Market,
  SEVERITIES,
  type Severity,
} from './vocabulary';

export const severitySchema = z.enum(SEVERITIES);
export const contentKindSchema = z.enum(CONTENT_KINDS);
export const marketSchema = z.enum(MARKETS);

/** Client-generated, time-ordered ids (ULID: 26 Crockford base32 characters). */
export const recordIdSchema = wireString().regex(
  /^[0-9A-HJKMNP-TV-Z]{26}$/,
  'must be a ULID (26 Crockford base32 characters)',
);

// Year 0000 is valid ISO 8601 but not a PostgreSQL timestamp (there is no year 0 there).
export const isoTimeSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => !value.startsWith('0000'), { message: 'year must be 0001 or later' });

const shortText = (max: number) => wireString().max(max);

export const platformSchema = wireString()
  .min(1)
  .max(ITEM_LIMITS.platform)
  .regex(PLATFORM_PATTERN, 'must be a lower-case platform name such as "shopvid"');

export const itemRefSchema = z.object({
  platform: platformSchema,
  kind: contentKindSchema,
  itemId: wireString().min(1).max(ITEM_LIMITS.itemId),
  // Web pages only: a javascript: or data: URL from a hostile page must never become a link.
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(ITEM_LIMITS.url)
    .check(refuseUnsafeText),
  creatorId: wireString().min(1).max(ITEM_LIMITS.creatorId).optional(),
  creatorHandle: shortText(ITEM_LIMITS.handle).optional(),
  title: shortText(ITEM_LIMITS.title).optional(),
  market: marketSchema.optional(),
});
export type ItemRef = z.infer<typeof itemRefSchema>;

export const creatorSchema = z.object({
  platform: platformSchema,
  creatorId: wireString().min(1).max(ITEM_LIMITS.creatorId),
  handle: shortText(ITEM_LIMITS.handle),
  displayName: shortText(ITEM_LIMITS.displayName).optional(),
});
export type Creator = z.infer<typeof creatorSchema>;

/** One piece of evidence: a range of a field's original (un-normalised) text. */
export const evidenceSchema = z
  .object({
    field: wireString().min(1).max(64),
    start: wireInt().nonnegative(),
    end: wireInt().nonnegative(),
    text: shortText(2000),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] });
export type Evidence = z.infer<typeof evidenceSchema>;

export const flagStatusSchema = z.enum(['suggested', 'confirmed', 'dismissed']);
export type FlagStatus = z.infer<typeof flagStatusSchema>;
export const flagSourceSchema = z.enum(['auto', 'manual']);
export type FlagSource = z.infer<typeof flagSourceSchema>;

export const reviewerIdSchema = wireString()
  .min(1)
  .max(128)
  .regex(/^[\w.@-]+$/, 'may hold letters, digits, ".", "@", "_" and "-" only');

/** Fields every synced record carries: identity, revision, authorship, tombstone. */
const recordBase = {
  id: recordIdSchema,
  /** Starts at 1; every edit (and the deletion) makes the next revision; an `integer` column. */
  revision: wireInt().min(1),
  reviewer: reviewerIdSchema,
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** A deletion is a tombstone: it keeps the id and syncs like an edit. */
  deleted: z.boolean().default(false),
};

export const flagSchema = z.object({
  ...recordBase,
  item: itemRefSchema,
  policyId: wireString().min(1).max(128),
  policyVersion: wireString().min(1).max(64),
  /** The rule that produced an automatic finding; absent on manual flags. */
  ruleId: wireString().min(1).max(128).optional(),
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
  text: wireString().min(1).max(5000),
});
export type Note = z.infer<typeof noteSchema>;
