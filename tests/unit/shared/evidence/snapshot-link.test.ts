import { describe, expect, it } from 'vitest';
import {
  isSnapshotEntry,
  snapshotEvidence,
  snapshotHashOf,
} from '@/lib/shared/evidence/snapshot-link';
import { flagSchema } from '@/lib/shared/protocol/records';
import { sampleFlag } from '../../background/store/samples';

const hash = 'ab'.repeat(32);

describe('the snapshot link convention', () => {
  it('links a flag to its image with a sha256: entry and keeps the page facts', () => {
    const entries = snapshotEvidence(hash, {
      text: ' Serum pemutih ',
      price: 'Rp 49.000',
      url: 'https://shop.example/v/1',
      time: '2026-11-22T03:00:00.000Z',
    });
    expect(entries).toEqual([
      { field: 'snapshot', start: 0, end: 0, text: `sha256:${hash}` },
      { field: 'snapshot:text', start: 0, end: 0, text: 'Serum pemutih' },
      { field: 'snapshot:price', start: 0, end: 0, text: 'Rp 49.000' },
      { field: 'snapshot:url', start: 0, end: 0, text: 'https://shop.example/v/1' },
      { field: 'snapshot:time', start: 0, end: 0, text: '2026-11-22T03:00:00.000Z' },
    ]);
    expect(snapshotHashOf(entries)).toBe(hash);
    expect(entries.every(isSnapshotEntry)).toBe(true);
  });

  it('is valid under the unchanged flag wire schema', () => {
    const evidence = snapshotEvidence(hash, { text: 'x'.repeat(5000), url: 'https://a.example/' });
    const flag = flagSchema.parse({ ...sampleFlag(), evidence });
    expect(snapshotHashOf(flag.evidence)).toBe(hash);
    expect(flag.evidence[1]?.text).toHaveLength(2000);
  });

  it('records the facts without an image when the capture was refused', () => {
    const entries = snapshotEvidence(undefined, { text: 'live', time: 'now' });
    expect(snapshotHashOf(entries)).toBeUndefined();
    expect(entries.map((e) => e.field)).toEqual(['snapshot:text', 'snapshot:time']);
  });

  it('ignores text evidence and malformed links, and refuses a bad hash', () => {
    expect(
      snapshotHashOf([
        { field: 'title', text: `sha256:${hash}` },
        { field: 'snapshot', text: 'sha256:XYZ' },
      ]),
    ).toBeUndefined();
    expect(isSnapshotEntry({ field: 'snapshots' })).toBe(false);
    expect(() => snapshotEvidence('nothex', {})).toThrow();
  });
});
