/**
 * Keeps overlay boxes over their items. Boxes are in document coordinates (scrolling needs
 * no work) and only boxes of items near the viewport are placed; the others are hidden.
 * Placement is one batched pass that reads every rect first and then writes every box.
 * The pass runs inside a ResizeObserver callback, which the browser calls after it has laid
 * the page out: reading the rects there costs nothing, where the same reads in a
 * requestAnimationFrame callback would force a layout of the page on every batch of new
 * cards. It runs when items come near or change size, when the page's size changes, when
 * asked (`schedule`: re-observing the root element makes the observer report it once more)
 * and when the window is resized.
 *
 * Hiding a box is put off until the next pass. A box whose item went out of reach is
 * still over that item, far from the viewport; hiding it at once would change the page's
 * rendering in a task of its own, and on a long feed any change costs a whole frame of the
 * page's style, layout and paint bookkeeping. The next pass comes with a frame the page or
 * the overlays need anyway: new cards, new badges, a resize.
 *
 * Badges never cover one another (badge-stacking.ts): after placing the boxes, a pass
 * measures every shown badge (inside the overlay's own root, whose layout is all that the
 * writes dirtied) and moves down, with `translate` (which shifts no layout), each one that
 * would overlap a badge placed before it. A badge whose size changes (flags added, new
 * findings, a card opened) asks for a pass of its own.
 */

import { type BadgeSpot, stackBadges } from './badge-stacking';

/**
 * Called in a placement pass's read phase when its box is placed anew (`rect`: the
 * target's client rect): it may measure the page then, and returns what to write in the
 * write phase (the evidence marks, drawn relative to the box).
 */
export type OnPlace = (rect: DOMRect) => () => void;

export interface AnchorLayer {
  /** Places `box` over `target` while it is near the viewport. */
  show(box: HTMLElement, target: Element, onPlace?: OnPlace): void;
  /** Hides `box` and stops following its target. */
  hide(box: HTMLElement): void;
  /** Asks for a placement pass in the next frame. */
  schedule(): void;
}

export function createAnchorLayer(doc: Document, signal: AbortSignal): AnchorLayer {
  const view = doc.defaultView;
  const shown = new Map<HTMLElement, Element>();
  const onPlaces = new WeakMap<HTMLElement, OnPlace>();
  /** Where each box was last put (document coordinates), to skip writes that change nothing. */
  const placed = new WeakMap<
    HTMLElement,
    { left: number; top: number; width: number; height: number }
  >();
  /** Boxes no longer followed, hidden at the next pass. */
  const toHide = new Set<HTMLElement>();
  /** How far each box is moved down so that its badge covers no other (see `stack`). */
  const offsets = new WeakMap<HTMLElement, number>();
  let queued = false;

  /**
   * Moves badges that would overlap down, below the ones shown before them. Reads every
   * shown badge's area, then writes the offsets that changed.
   */
  const stack = () => {
    if (!view) return;
    const { scrollX, scrollY } = view;
    const boxes: HTMLElement[] = [];
    const spots: BadgeSpot[] = [];
    for (const box of shown.keys()) {
      const overlay = box.firstElementChild;
      // Only item boxes hold a badge (`.overlay`); evidence marks' layers are not stacked.
      if (box.hidden || !overlay?.classList.contains('overlay')) continue;
      const dy = offsets.get(box) ?? 0;
      const area = overlay.getBoundingClientRect();
      let { left, top, right, bottom } = area;
      const chip = overlay.querySelector(':scope > .chip-slot');
      if (chip) {
        const rect = chip.getBoundingClientRect();
        if (rect.width > 0 && rect.height > 0) {
          left = Math.min(left, rect.left);
          top = Math.min(top, rect.top);
          right = Math.max(right, rect.right);
          bottom = Math.max(bottom, rect.bottom);
        }
      }
      boxes.push(box);
      // Where the badge is without its current offset, in document coordinates.
      spots.push({
        left: left + scrollX,
        right: right + scrollX,
        top: top + scrollY - dy,
        bottom: bottom + scrollY - dy,
      });
    }
    const wanted = stackBadges(spots);
    boxes.forEach((box, i) => {
      const dy = wanted[i] ?? 0;
      if ((offsets.get(box) ?? 0) === dy) return;
      offsets.set(box, dy);
      box.style.translate = dy === 0 ? '' : `0 ${dy}px`;
    });
  };

  const place = () => {
    if (!queued && shown.size === 0 && toHide.size === 0) return;
    queued = false;
    if (signal.aborted || !view) return;
    const entries = [...shown];
    const { scrollX, scrollY } = view;
    // Reads first, then writes: one layout for the whole pass.
    const writes: Array<() => void> = [];
    for (const [box, target] of entries) {
      const rect = target.getBoundingClientRect();
      const left = rect.left + scrollX;
      const top = rect.top + scrollY;
      const hidden = rect.width === 0 && rect.height === 0;
      // Every pass places every shown box; most have not moved, and an unchanged write
      // still costs a style change on the box.
      const last = placed.get(box);
      if (
        last &&
        last.left === left &&
        last.top === top &&
        last.width === rect.width &&
        last.height === rect.height &&
        box.hidden === hidden
      )
        continue;
      placed.set(box, { left, top, width: rect.width, height: rect.height });
      const drawn = hidden ? undefined : onPlaces.get(box)?.(rect);
      writes.push(() => {
        box.style.left = `${left}px`;
        box.style.top = `${top}px`;
        box.style.width = `${rect.width}px`;
        box.hidden = hidden;
        drawn?.();
      });
    }
    for (const box of toHide) box.hidden = true;
    toHide.clear();
    for (const write of writes) write();
    stack();
    // What this pass itself changed in the overlay's root asks for no pass of its own.
    changes.takeRecords();
  };
  const resizes = new ResizeObserver(place);
  /**
   * A badge that changes (its text, its class, a card opening or a chip arriving) may now
   * overlap another: the overlay's root is watched for such changes.
   */
  const changes = new MutationObserver(() => schedule());
  const watchedRoots = new WeakSet<Node>();
  const watchRootOf = (box: HTMLElement) => {
    const root = box.getRootNode();
    if (root === box || watchedRoots.has(root)) return;
    watchedRoots.add(root);
    changes.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class'],
    });
  };
  const schedule = () => {
    // Nothing to place or hide: a page that changes every frame costs no pass at all.
    if (queued || signal.aborted || !view || (shown.size === 0 && toHide.size === 0)) return;
    queued = true;
    resizes.unobserve(doc.documentElement);
    resizes.observe(doc.documentElement);
  };
  resizes.observe(doc.documentElement);
  if (doc.body) resizes.observe(doc.body);
  view?.addEventListener('resize', schedule, { signal });
  signal.addEventListener(
    'abort',
    () => {
      resizes.disconnect();
      changes.disconnect();
    },
    { once: true },
  );

  return {
    show(box, target, onPlace) {
      toHide.delete(box);
      watchRootOf(box);
      if (onPlace) onPlaces.set(box, onPlace);
      if (shown.get(box) === target) return;
      // A target already observed (the page's <html> or <body>, or an element another box
      // follows) is not reported again when observed again: its box would never be placed,
      // so a pass is asked for instead.
      const observed =
        target === doc.documentElement ||
        target === doc.body ||
        [...shown.values()].includes(target);
      shown.set(box, target);
      // Placed anew when it is next shown (its marks are measured again then).
      placed.delete(box);
      // Reported once at the next frame, after layout: that is the box's first placement.
      if (observed) schedule();
      else resizes.observe(target);
    },
    hide(box) {
      const target = shown.get(box);
      if (!target) return;
      shown.delete(box);
      // The page's own size stays watched, even when an item is the whole page, and so does
      // an element that other boxes still follow.
      const shared = target === doc.documentElement || target === doc.body;
      if (!shared && ![...shown.values()].includes(target)) resizes.unobserve(target);
      toHide.add(box);
    },
    schedule,
  };
}
