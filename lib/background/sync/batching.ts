/**
 * Packs records into batches the endpoint accepts: at most MAX_BATCH_ITEMS records and
 * MAX_BATCH_BYTES of UTF-8 JSON per request, measured on the exact body that is sent.
 */
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from '@/lib/shared/protocol/limits';

export interface BatchLimits {
  maxItems: number;
  maxBytes: number;
}

export const SERVER_LIMITS: BatchLimits = { maxItems: MAX_BATCH_ITEMS, maxBytes: MAX_BATCH_BYTES };

const encoder = new TextEncoder();
const ENVELOPE_BYTES = encoder.encode('{"records":[]}').length;

export interface PackedBatches {
  batches: BatchItem[][];
  /** Records that would not fit in a batch even alone. */
  oversized: BatchItem[];
}

export function packBatches(
  items: readonly BatchItem[],
  limits: BatchLimits = SERVER_LIMITS,
): PackedBatches {
  const batches: BatchItem[][] = [];
  const oversized: BatchItem[] = [];
  let current: BatchItem[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    const size = encoder.encode(JSON.stringify(item)).length + 1; // +1 for the comma
    if (ENVELOPE_BYTES + size > limits.maxBytes) {
      oversized.push(item);
      continue;
    }
    if (current.length >= limits.maxItems || bytes + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return { batches, oversized };
}
