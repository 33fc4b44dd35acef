import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, retryDelay } from '@/lib/background/sync/backoff';
import { packBatches } from '@/lib/background/sync/batching';
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { propertyRuns } from '../../property-runs';
import { sampleFlag } from '../store/samples';

describe('backoff', () => {
  it('stays within the exponential ceiling and the cap, for any failure count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (failures, r) => {
          const delay = backoffDelay(failures, { baseMs: 1000, capMs: 60_000 }, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(60_000, 1000 * 2 ** (failures - 1)));
        },
      ),
      { numRuns: propertyRuns(500) },
    );
  });

  it('never waits less than the server asked', () => {
    expect(retryDelay(1, 7_000, { baseMs: 1000, capMs: 60_000 }, () => 0.5)).toBe(7_000);
    expect(retryDelay(10, 1_000, { baseMs: 1000, capMs: 60_000 }, () => 0.99)).toBeGreaterThan(
      1_000,
    );
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('batching', () => {
  const flagItem = (note = ''): BatchItem => {
    const { itemKey: _a, creatorKey: _b, ...record } = sampleFlag();
    return { type: 'flag', record: { ...record, note } };
  };

  it('keeps every record exactly once, in order, within the item and byte limits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 60 }), (noteSizes) => {
        const items = noteSizes.map((n) => flagItem('x'.repeat(n)));
        const limits = { maxItems: 7, maxBytes: 12_000 };
        const { batches, oversized } = packBatches(items, limits);
        expect(oversized).toEqual([]);
        expect(batches.flat()).toEqual(items);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(limits.maxItems);
          expect(
            new TextEncoder().encode(JSON.stringify({ records: batch })).length,
          ).toBeLessThanOrEqual(limits.maxBytes);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('sets aside a record too large for any batch', () => {
    const big = flagItem('y'.repeat(5000));
    const { batches, oversized } = packBatches([flagItem(), big, flagItem()], {
      maxItems: 500,
      maxBytes: 2000,
    });
    expect(oversized).toEqual([big]);
    expect(batches.flat()).toHaveLength(2);
  });
});
