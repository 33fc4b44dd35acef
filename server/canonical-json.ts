/**
 * JSON with object keys sorted, so two equal records give equal text (and equal digests)
 * whatever order their keys arrived in. jsonb reorders keys too, so the stored body cannot
 * be compared as text.
 */
import { createHash } from 'node:crypto';

function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedCopy(v)]));
  }
  return value;
}

export const canonicalJson = (value: unknown): string => JSON.stringify(sortedCopy(value));

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
