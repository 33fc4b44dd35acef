/**
 * Evidence snapshots on the wire: an image addressed by the SHA-256 (lower-case hex) of its
 * bytes, uploaded with `PUT /v1/evidence/{sha256}` before the flag that cites it.
 */
import { z } from 'zod';
import { wireInt, wireString } from './text';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_MIME_TYPES = ['image/png', 'image/jpeg'] as const;
export const sha256HexSchema = wireString().regex(/^[0-9a-f]{64}$/);
export const evidenceMimeTypeSchema = z.enum(EVIDENCE_MIME_TYPES);

export const evidenceReceiptSchema = z.object({
  sha256: sha256HexSchema,
  mimeType: evidenceMimeTypeSchema,
  size: wireInt().nonnegative(),
  /** False when the endpoint already held this image (the upload changed nothing). */
  created: z.boolean(),
});
export type EvidenceReceipt = z.infer<typeof evidenceReceiptSchema>;
