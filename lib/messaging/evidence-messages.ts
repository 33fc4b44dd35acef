/**
 * Messages of evidence capture (issue 7). The snapshot itself is asked for inside
 * `flag.create` (its optional `snapshot` field): the background captures the sender's own
 * tab, never a tab the message names. `evidence.get` hands out stored images, which may
 * show other reviewers' pages: extension pages only.
 */
import { z } from 'zod';
import { sha256HexSchema } from '@/lib/shared/protocol/evidence';
import { flagSchema } from '@/lib/shared/protocol/records';
import type { MessageSpec } from './message-spec';

const cssNumber = z.number().finite().min(-100_000).max(100_000);

/** What the content script says about the item when it asks for a snapshot. */
export const snapshotRequestSchema = z.object({
  /** The item's bounding rectangle in CSS pixels, relative to the viewport. */
  rect: z.object({
    x: cssNumber,
    y: cssNumber,
    width: z.number().finite().nonnegative().max(100_000),
    height: z.number().finite().nonnegative().max(100_000),
  }),
  devicePixelRatio: z.number().finite().positive().max(16),
  /** The viewport's width in CSS pixels: with page zoom, capture pixels per CSS pixel. */
  viewportWidth: z.number().finite().positive().max(100_000).optional(),
  text: z.string().max(2000).default(''),
  price: z.string().max(200).optional(),
});
export type SnapshotRequest = z.input<typeof snapshotRequestSchema>;

/** What became of a snapshot asked for with a flag: kept (with its hash) or why not. */
export const snapshotOutcomeSchema = z.discriminatedUnion('kept', [
  z.object({ kept: z.literal(true), sha256: sha256HexSchema }),
  z.object({ kept: z.literal(false), reason: z.string() }),
]);
export type SnapshotOutcome = z.infer<typeof snapshotOutcomeSchema>;

/** flag.create's answer: the flag, plus the snapshot's fate when one was asked for. */
export const createdFlagSchema = flagSchema.extend({ snapshot: snapshotOutcomeSchema.optional() });

export const evidenceMessages = {
  'evidence.get': {
    from: 'extension',
    request: z.object({ sha256: sha256HexSchema }),
    response: z.object({
      sha256: sha256HexSchema,
      mimeType: z.string(),
      size: z.int().nonnegative(),
      createdAt: z.string(),
      /** `data:image/png;base64,...`: an extension page shows it as an <img>. */
      dataUrl: z.string(),
    }),
  },
  'evidence.usage': {
    from: 'extension',
    request: z.object({}),
    response: z.object({
      count: z.int().nonnegative(),
      usedBytes: z.int().nonnegative(),
      quotaBytes: z.int().nonnegative(),
    }),
  },
} as const satisfies Record<string, MessageSpec>;
