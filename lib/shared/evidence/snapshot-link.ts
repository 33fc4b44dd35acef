/**
 * How a flag points at its evidence snapshot without changing the flag's wire schema (the
 * one place this convention is defined; everything else calls these functions).
 *
 * A flag's `evidence` array holds page-text ranges. A snapshot adds entries whose `field`
 * starts with `snapshot`, all with `start: 0` and `end: 0` (they are not ranges):
 *   - `{field: 'snapshot', text: 'sha256:<64 hex>'}`: the image, stored content-addressed
 *     in the local `evidence` table and uploaded to `PUT /v1/evidence/{sha256}` before the
 *     batch that carries the flag;
 *   - `snapshot:text`, `snapshot:price`, `snapshot:url`, `snapshot:time`: what the page
 *     said when the snapshot was taken (an entry may be present without the image, when the
 *     capture was refused).
 * Readers that highlight page text must skip `snapshot*` entries.
 */
import type { Evidence } from '@/lib/shared/protocol/records';

export const SNAPSHOT_FIELD = 'snapshot';
const PREFIX = 'sha256:';
const HEX = /^[0-9a-f]{64}$/;
const MAX_TEXT = 2000;

export interface SnapshotFacts {
  text?: string | undefined;
  price?: string | undefined;
  url?: string | undefined;
  time?: string | undefined;
}

const entry = (field: string, text: string): Evidence => ({
  field,
  start: 0,
  end: 0,
  text: text.slice(0, MAX_TEXT),
});

/** The evidence entries for a snapshot: the image's hash (when kept) and the page facts. */
export function snapshotEvidence(sha256: string | undefined, facts: SnapshotFacts): Evidence[] {
  const out: Evidence[] = [];
  if (sha256 !== undefined) {
    if (!HEX.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    out.push(entry(SNAPSHOT_FIELD, `${PREFIX}${sha256}`));
  }
  for (const key of ['text', 'price', 'url', 'time'] as const) {
    const value = facts[key]?.trim();
    if (value) out.push(entry(`${SNAPSHOT_FIELD}:${key}`, value));
  }
  return out;
}

/** The SHA-256 of the snapshot a flag's evidence points at, if any. */
export function snapshotHashOf(
  evidence: readonly Pick<Evidence, 'field' | 'text'>[],
): string | undefined {
  for (const e of evidence) {
    if (e.field !== SNAPSHOT_FIELD || !e.text.startsWith(PREFIX)) continue;
    const hash = e.text.slice(PREFIX.length);
    if (HEX.test(hash)) return hash;
  }
  return undefined;
}

export const isSnapshotEntry = (e: Pick<Evidence, 'field'>) =>
  e.field === SNAPSHOT_FIELD || e.field.startsWith(`${SNAPSHOT_FIELD}:`);

/** A flag as the queue shows it: with `snapshot` set to its snapshot's hash, if it has one. */
export function withSnapshotHash<F extends { evidence: readonly Evidence[] }>(
  flag: F,
): F & { snapshot?: string } {
  const snapshot = snapshotHashOf(flag.evidence);
  return snapshot ? { ...flag, snapshot } : flag;
}
