/**
 * Badges never cover one another. A page decides where its items are drawn, so it can put
 * several items on one element, or on elements laid over each other: their badges would
 * land on the same spot, the one drawn last on top, covering the others and taking their
 * clicks (a clean decoy listed after a violating item hides the violating item's badge).
 * The anchor layer (anchor.ts) measures every badge it shows and moves down, by as little
 * as needed, each one that would overlap a badge placed before it: wherever the page puts
 * its items, each badge is drawn whole and gets its own clicks.
 */

/** A badge's area (its button and risk chip) in document coordinates, before any offset. */
export interface BadgeSpot {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Space kept between stacked badges, in CSS pixels. */
export const STACK_GAP = 2;

const overlaps = (a: BadgeSpot, b: BadgeSpot, dy: number) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom + dy && b.top + dy < a.bottom;

/**
 * How far down to move each badge (in `spots`' order: earlier badges keep their place)
 * so that no two overlap. Moves only down, and only badges that would overlap one placed
 * before; a badge with no area is left where it is and blocks nothing.
 */
export function stackBadges(spots: readonly BadgeSpot[], gap = STACK_GAP): number[] {
  const placed: BadgeSpot[] = [];
  const offsets: number[] = [];
  for (const spot of spots) {
    if (!(spot.right > spot.left && spot.bottom > spot.top)) {
      offsets.push(0);
      continue;
    }
    let dy = 0;
    // Each step moves the badge below one it overlaps, so dy only grows and the loop ends
    // after at most one step per badge placed before it.
    for (;;) {
      let next = dy;
      for (const other of placed)
        if (overlaps(other, spot, dy)) next = Math.max(next, other.bottom + gap - spot.top);
      if (next === dy) break;
      dy = next;
    }
    offsets.push(dy);
    placed.push({
      left: spot.left,
      right: spot.right,
      top: spot.top + dy,
      bottom: spot.bottom + dy,
    });
  }
  return offsets;
}
