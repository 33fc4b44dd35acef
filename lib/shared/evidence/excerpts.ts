/**
 * The words a flag rests on, short enough for a queue row: the page text its evidence
 * ranges matched (distinct, in order), else what a snapshot recorded the page saying.
 * Snapshot hashes and page facts other than text are not evidence a reviewer reads.
 */
import type { Evidence } from '@/lib/shared/protocol/records';
import { isSnapshotEntry } from './snapshot-link';

export const MAX_EXCERPTS = 3;
export const MAX_EXCERPT_CHARS = 160;

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EXCERPT_CHARS ? `${flat.slice(0, MAX_EXCERPT_CHARS - 1)}…` : flat;
};

export function evidenceExcerpts(evidence: readonly Evidence[]): string[] {
  const matched = evidence.filter((e) => !isSnapshotEntry(e)).map((e) => clip(e.text));
  const texts = matched.length
    ? matched
    : evidence.filter((e) => e.field === 'snapshot:text').map((e) => clip(e.text));
  return [...new Set(texts.filter((text) => text !== ''))].slice(0, MAX_EXCERPTS);
}
