import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BadgeSpot, STACK_GAP, stackBadges } from '@/lib/page/overlay/badge-stacking';
import { propertyRuns } from '../../property-runs';

const spot = (left: number, top: number, width = 60, height = 22): BadgeSpot => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

const moved = (spots: readonly BadgeSpot[], offsets: readonly number[]) =>
  spots.map((s, i) => ({
    ...s,
    top: s.top + (offsets[i] ?? 0),
    bottom: s.bottom + (offsets[i] ?? 0),
  }));

const intersect = (a: BadgeSpot, b: BadgeSpot) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('stackBadges', () => {
  it('leaves badges that do not overlap where they are', () => {
    expect(stackBadges([spot(0, 0), spot(100, 0), spot(0, 40)])).toEqual([0, 0, 0]);
  });

  it('stacks badges on one spot below each other, the first keeping its place', () => {
    // A violating item and two decoys anchored on the same element.
    expect(stackBadges([spot(500, 10), spot(500, 10), spot(500, 10)])).toEqual([
      0,
      22 + STACK_GAP,
      2 * (22 + STACK_GAP),
    ]);
  });

  it('moves a badge that overlaps only a little, by just enough', () => {
    // The page laid a second element 5 px lower and 10 px to the left of the first.
    expect(stackBadges([spot(500, 10), spot(490, 15)])).toEqual([0, 10 + 22 - 15 + STACK_GAP]);
  });

  it('counts a wider badge (with its risk chip) against a narrow one beside it', () => {
    const withChip = { left: 380, top: 10, right: 560, bottom: 32 };
    expect(stackBadges([spot(500, 10), withChip])).toEqual([0, 22 + STACK_GAP]);
  });

  it('finds the first free place among badges already stacked', () => {
    // Two badges already placed one above the other; a third overlapping both goes below both.
    const offsets = stackBadges([spot(0, 0), spot(0, 24), spot(0, 10)]);
    expect(offsets[2]).toBe(24 + 22 + STACK_GAP - 10);
  });

  it('ignores badges with no area (not yet drawn)', () => {
    expect(stackBadges([spot(0, 0), spot(0, 0, 0, 0), spot(0, 0)])).toEqual([0, 0, 22 + STACK_GAP]);
  });

  it('never leaves two badges overlapping, and moves them only down', () => {
    const spots = fc.array(
      fc
        .record({
          left: fc.integer({ min: 0, max: 300 }),
          top: fc.integer({ min: 0, max: 300 }),
          width: fc.integer({ min: 1, max: 200 }),
          height: fc.integer({ min: 1, max: 40 }),
        })
        .map(({ left, top, width, height }) => spot(left, top, width, height)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(spots, (input) => {
        const offsets = stackBadges(input);
        expect(offsets).toHaveLength(input.length);
        for (const offset of offsets) expect(offset).toBeGreaterThanOrEqual(0);
        const after = moved(input, offsets);
        for (let i = 0; i < after.length; i++)
          for (let j = i + 1; j < after.length; j++)
            expect(intersect(after[i] as BadgeSpot, after[j] as BadgeSpot)).toBe(false);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
