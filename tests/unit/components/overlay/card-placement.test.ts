import { describe, expect, it } from 'vitest';
import { type Box, intersects, placeCard } from '@/components/overlay/card-placement';

const viewport = { width: 1280, height: 800 };
const card = { width: 300, height: 300 };
const boxAt = (at: { left: number; top: number }): Box => ({ ...at, ...card });

describe('placeCard', () => {
  // An item 400 px wide at (100, 100), its badge at the top right.
  const anchor = { left: 440, top: 106, width: 54, height: 22 };

  it('hangs from the badge when no evidence is in the way', () => {
    expect(placeCard({ anchor, card, evidence: [], viewport })).toEqual({ left: 194, top: 132 });
    const far = [{ left: 110, top: 700, width: 80, height: 18 }];
    expect(placeCard({ anchor, card, evidence: far, viewport })).toEqual({ left: 194, top: 132 });
  });

  it('goes below the evidence when hanging from the badge would cover it', () => {
    const caption = [
      { left: 120, top: 160, width: 200, height: 18 },
      { left: 120, top: 180, width: 90, height: 18 },
    ];
    const at = placeCard({ anchor, card, evidence: caption, viewport });
    expect(at).toEqual({ left: 194, top: 204 });
    for (const mark of caption) expect(intersects(boxAt(at), mark)).toBe(false);
  });

  it('goes beside the evidence when below would leave the viewport', () => {
    const low = [{ left: 200, top: 600, width: 200, height: 18 }];
    const tall = { width: 300, height: 500 };
    const at = placeCard({ anchor, card: tall, evidence: low, viewport });
    expect(at.top + tall.height).toBeLessThanOrEqual(viewport.height);
    expect(intersects({ ...at, ...tall }, low[0] as Box)).toBe(false);
  });

  it('never covers any line of the evidence, wherever it is', () => {
    for (let top = 110; top < 760; top += 37)
      for (let left = 0; left < 1200; left += 113) {
        const evidence = [
          { left, top, width: 120, height: 18 },
          { left: Math.max(0, left - 40), top: top + 20, width: 160, height: 18 },
        ];
        const at = placeCard({ anchor, card, evidence, viewport });
        for (const mark of evidence)
          expect(intersects(boxAt(at), mark), `${left},${top}`).toBe(false);
      }
  });

  it('ignores empty rects (a collapsed line)', () => {
    const empty = [{ left: 200, top: 140, width: 0, height: 18 }];
    expect(placeCard({ anchor, card, evidence: empty, viewport })).toEqual({ left: 194, top: 132 });
  });
});
