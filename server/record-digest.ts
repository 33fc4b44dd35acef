/**
 * Record digests: SHA-256 of the record's canonical JSON (lib/shared/canonical-json.ts, the
 * one implementation: keys sorted, so two equal records give equal text whatever order their
 * keys arrived in; jsonb reorders keys too, so the stored body cannot be compared as text).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/shared/canonical-json';

export const recordDigest = (record: unknown): string =>
  createHash('sha256').update(canonicalJson(record)).digest('hex');
