/**
 * Record digests. Canonical JSON itself is the one shared implementation
 * (lib/shared/canonical-json.ts: keys sorted, so two equal records give equal text whatever
 * order their keys arrived in; jsonb reorders keys too, so the stored body cannot be compared
 * as text).
 */
import { createHash } from 'node:crypto';

export { canonicalJson } from '@/lib/shared/canonical-json';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
