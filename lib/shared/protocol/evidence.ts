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
export type EvidenceMimeType = (typeof EVIDENCE_MIME_TYPES)[number];

/** The signatures that open each type's files: PNG's eight bytes, JPEG's start-of-image marker. */
const SIGNATURES: Record<EvidenceMimeType, readonly number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/**
 * Whether `bytes` start as a file of `type` does. The endpoint serves evidence back with
 * the type it was uploaded with; bytes that are really HTML or SVG under an image type
 * must never be stored, whatever a browser would make of them.
 */
export function hasImageSignature(bytes: Uint8Array, type: EvidenceMimeType): boolean {
  const signature = SIGNATURES[type];
  return bytes.length > signature.length && signature.every((byte, i) => bytes[i] === byte);
}

export const evidenceReceiptSchema = z.object({
  sha256: sha256HexSchema,
  mimeType: evidenceMimeTypeSchema,
  size: wireInt().nonnegative(),
  /** False when the endpoint already held this image (the upload changed nothing). */
  created: z.boolean(),
});
export type EvidenceReceipt = z.infer<typeof evidenceReceiptSchema>;
