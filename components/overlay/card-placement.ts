/**
 * Where an open card goes: beside or below the evidence it lists, never over it. The card
 * hangs from its badge (at the item's top right); when that would cover a marked span of
 * the item's text, it moves below the evidence, then beside it (left, right), then above.
 * Pure geometry, in viewport coordinates; the overlay measures and applies it.
 */

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlacementInput {
  /** The badge the card belongs to. */
  anchor: Box;
  /** The card's size as drawn. */
  card: { width: number; height: number };
  /** The marked evidence of the item (each line of each span). */
  evidence: readonly Box[];
  viewport: { width: number; height: number };
}

const GAP = 6;
const MARGIN = 4;

export const intersects = (a: Box, b: Box): boolean =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

const overlapArea = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)) *
  Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));

/** The card's top-left corner, in viewport coordinates. */
export function placeCard(input: PlacementInput): { left: number; top: number } {
  const { anchor, card, evidence, viewport } = input;
  const clampX = (left: number) =>
    Math.max(MARGIN, Math.min(left, viewport.width - card.width - MARGIN));
  const hang = {
    left: clampX(anchor.left + anchor.width - card.width),
    top: anchor.top + anchor.height + MARGIN,
  };
  const marks = evidence.filter((box) => box.width > 0 && box.height > 0);
  if (marks.length === 0) return hang;
  const top = Math.min(...marks.map((b) => b.top));
  const bottom = Math.max(...marks.map((b) => b.top + b.height));
  const left = Math.min(...marks.map((b) => b.left));
  const right = Math.max(...marks.map((b) => b.left + b.width));
  const candidates = [
    hang,
    { left: hang.left, top: bottom + GAP },
    { left: left - card.width - GAP, top: hang.top },
    { left: right + GAP, top: hang.top },
    { left: hang.left, top: top - card.height - GAP },
  ];
  const boxOf = (at: { left: number; top: number }): Box => ({ ...at, ...card });
  const covers = (at: { left: number; top: number }) =>
    marks.some((mark) => intersects(boxOf(at), mark));
  const onScreen = (at: { left: number; top: number }) =>
    at.left >= 0 &&
    at.left + card.width <= viewport.width &&
    at.top >= 0 &&
    at.top + card.height <= viewport.height;
  const inWidth = (at: { left: number; top: number }) =>
    at.left >= 0 && at.left + card.width <= viewport.width;
  const clear = candidates.filter((at) => !covers(at));
  const best = clear.find(onScreen) ?? clear.find(inWidth) ?? clear[0];
  if (best) return best;
  // Nowhere is clear (evidence all over a narrow item): the place covering least of it.
  const area = (at: { left: number; top: number }) =>
    marks.reduce((sum, mark) => sum + overlapArea(boxOf(at), mark), 0);
  return candidates.reduce((a, b) => (area(b) < area(a) ? b : a));
}
