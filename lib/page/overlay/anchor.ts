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
 * finds where every shown badge is and moves down, with `translate` (which shifts no
 * layout), each one that would overlap a badge placed before it. A badge whose size changes
 * (flags added, new findings, a card opened) asks for a pass of its own.
 *
 * Where a badge sits in its box depends only on the box's width and the badge's own
 * content, so each badge is measured once (a new badge needs the layout its frame makes
 * anyway) and its place in the box kept until its content changes (the root's mutation
 * records name the box), its box's width changes, or the window is resized. A pass that
 * moved no box, hid none and changed no badge does not stack at all. On a feed, most passes
 * (the page grew, a card came near) measure only the badges drawn since the last one.
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
   * Where each badge (and its chip) was in its box when last measured, without its offset:
   * relative to the box's left and top as placed, for the box's width then.
   */
  const measured = new WeakMap<
    HTMLElement,
    { width: number; left: number; top: number; right: number; bottom: number }
  >();
  /** Whether a box moved, hid or showed, or a badge changed, since the last stacking. */
  let restack = true;
  /** The overlay root's top-level child a mutation record is about: a box, or a marks layer. */
  const boxOf = (node: Node | null): HTMLElement | undefined => {
    let current = node;
    while (current?.parentNode && current.parentNode.nodeType !== Node.DOCUMENT_FRAGMENT_NODE)
      current = current.parentNode;
    return current?.nodeType === Node.ELEMENT_NODE ? (current as HTMLElement) : undefined;
  };
  /** Forgets the measures of the badges that changed (records not yet taken). */
  const badgesChanged = (records: readonly MutationRecord[]) => {
    for (const record of records) {
      const box = boxOf(record.target);
      if (box) measured.delete(box);
      restack = true;
    }
  };

  /**
   * Moves badges that would overlap down, below the ones shown before them. Measures the
   * shown badges whose measure is not known (new or changed ones: this forces the layout of
   * the overlay's root when the pass has just written boxes), then writes the offsets that
   * changed.
   */
  const stack = () => {
    if (!view || !restack) return;
    restack = false;
    const { scrollX, scrollY } = view;
    const boxes: HTMLElement[] = [];
    const spots: BadgeSpot[] = [];
    for (const box of shown.keys()) {
      if (box.hidden) continue;
      const at = placed.get(box);
      if (!at) continue;
      let spot = measured.get(box);
      if (!spot || spot.width !== at.width) {
        spot = undefined;
        const overlay = box.firstElementChild;
        // Only item boxes hold a badge (`.overlay`); evidence marks' layers are not stacked.
        if (!overlay?.classList.contains('overlay')) continue;
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
        // Relative to the box as placed, without the badge's current offset.
        const dx = scrollX - at.left;
        const dt = scrollY - dy - at.top;
        spot = {
          width: at.width,
          left: left + dx,
          right: right + dx,
          top: top + dt,
          bottom: bottom + dt,
        };
        measured.set(box, spot);
      }
      boxes.push(box);
      // Where the badge is without its current offset, in document coordinates.
      spots.push({
        left: at.left + spot.left,
        right: at.left + spot.right,
        top: at.top + spot.top,
        bottom: at.top + spot.bottom,
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
    // Badges changed since the last records were delivered: measured again.
    badgesChanged(changes.takeRecords());
    if (writes.length > 0 || toHide.size > 0) restack = true;
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
  const changes = new MutationObserver((records) => {
    badgesChanged(records);
    schedule();
  });
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
  // A resize may change what a badge's text wraps to, or the zoom: every badge measured anew.
  view?.addEventListener(
    'resize',
    () => {
      for (const box of shown.keys()) measured.delete(box);
      restack = true;
      schedule();
    },
    { signal },
  );
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
      // Placed anew when it is next shown (its marks and badge are measured again then).
      placed.delete(box);
      measured.delete(box);
      restack = true;
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
