import { describe, expect, it } from 'vitest';
import { evidenceExcerpts, MAX_EXCERPT_CHARS } from '@/lib/shared/evidence/excerpts';
import { snapshotEvidence } from '@/lib/shared/evidence/snapshot-link';

const range = (text: string, field = 'caption') => ({ field, start: 0, end: text.length, text });
const HASH = 'a'.repeat(64);

describe('evidenceExcerpts', () => {
  it('gives the matched page text, distinct and in order, at most three', () => {
    const evidence = [
      range('DM me on LINE'),
      range('DM me on LINE', 'description'),
      range('wa.me/123'),
      range('  pay   off\nplatform '),
      range('fourth'),
    ];
    expect(evidenceExcerpts(evidence)).toEqual(['DM me on LINE', 'wa.me/123', 'pay off platform']);
  });

  it('skips snapshot entries when there are ranges, and falls back to the snapshot text', () => {
    const snapshot = snapshotEvidence(HASH, {
      text: 'Listing: genuine Rolex 90% off',
      url: 'https://x.test/',
    });
    expect(evidenceExcerpts([...snapshot, range('Rolex')])).toEqual(['Rolex']);
    expect(evidenceExcerpts(snapshot)).toEqual(['Listing: genuine Rolex 90% off']);
    expect(evidenceExcerpts(snapshotEvidence(HASH, {}))).toEqual([]);
  });

  it('shortens a long excerpt with an ellipsis', () => {
    const [excerpt] = evidenceExcerpts([range('x'.repeat(500))]);
    expect(excerpt).toHaveLength(MAX_EXCERPT_CHARS);
    expect(excerpt?.endsWith('…')).toBe(true);
  });
});
