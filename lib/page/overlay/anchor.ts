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
 * A box has no size: it is moved, with `transform`, to its target's top-right corner, and
 * what it holds is drawn from there (the badge to the left of that corner, evidence marks
 * anywhere over the target; components/overlay/styles.ts). Moving a box, or its target
 * changing width, changes no layout at all: the browser repaints, it does not lay the page
 * out (the host is in the top layer, so any layout of a box was rooted at the document).
 *
 * A box is hidden with `visibility` (`hidden`; styles.ts), so it keeps its layout: a badge
 * drawn in a box before it is placed (the item mount draws into a hidden box) is laid out
 * in the page's own frame, and showing, hiding or moving a box in the pass dirties no
 * layout. A hidden box is moved to the overlay root's origin, so that it stretches the
 * page's scrollable area nowhere.
 *
 * Hiding a box is put off until the next pass. A box whose item went out of reach is
 * still over that item, far from the viewport; hiding it at once would change the page's
 * rendering in a task of its own, and on a long feed any change costs a whole frame of the
 * page's style, layout and paint bookkeeping. The next pass comes with a frame the page or
 * the overlays need anyway: new cards, new badges, a resize.
 *
 * Badges never cover one another (badge-stacking.ts): each pass moves down, with
 * `translate` (which shifts no layout), each shown badge that would overlap a badge placed
 * before it. Where a badge sits relative to its box's corner depends only on its own
 * content, so it is measured once and kept until its content changes (the root's mutation
 * records name the box) or the window is resized. It is measured in a pass's read phase,
 * when the frame has already laid it out (hidden or not): never after the pass's own
 * writes, which would force a layout of the document in the middle of the pass. (A badge
 * drawn in the frame's own callbacks, after its layout, would cost a layout to measure;
 * the item mounts draw in tasks of their own.)
 */

import { type BadgeSpot, stackBadges } from './badge-stacking';

/**
 * Called in a placement pass's read phase when its box is placed anew (`rect`: the
 * target's client rect; the box's origin is the rect's top-right corner): it may measure
 * the page then, and returns what to write in the write phase (the evidence marks, drawn
 * relative to the box).
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

/** The transform that puts a box's origin at `x`, `y` (document coordinates). */
export const boxTransform = (x: number, y: number) => `translate(${x}px, ${y}px)`;

export function createAnchorLayer(doc: Document, signal: AbortSignal): AnchorLayer {
  const view = doc.defaultView;
  const shown = new Map<HTMLElement, Element>();
  /**
   * How many shown boxes follow each target (an item's badge box and its marks layer follow
   * the same element): whether a target is already observed, without a walk over every box.
   */
  const followers = new Map<Element, number>();
  const onPlaces = new WeakMap<HTMLElement, OnPlace>();
  /**
   * Where each box was last put: its origin (the target's top-right corner, document
   * coordinates) and the target's size, which the evidence marks are measured for.
   */
  const placed = new WeakMap<
    HTMLElement,
    { x: number; y: number; width: number; height: number }
  >();
  /** Boxes no longer followed, hidden at the next pass. */
  const toHide = new Set<HTMLElement>();
  /** How far each box is moved down so that its badge covers no other (see `stack`). */
  const offsets = new WeakMap<HTMLElement, number>();
  let queued = false;

  /**
   * Where each badge (and its chip) is relative to its box's origin, without its offset;
   * `null` for a box that holds no badge (an evidence marks layer, a box not drawn yet).
   */
  const measured = new WeakMap<HTMLElement, BadgeSpot | null>();
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
      // A box (re)joining the root: the record is the root's own.
      for (const node of record.addedNodes)
        if (node.nodeType === Node.ELEMENT_NODE) measured.delete(node as HTMLElement);
      restack = true;
    }
  };

  /**
   * Measures the badge in `box` relative to the box's origin. Called only in a pass's read
   * phase, on a box the frame has laid out, so the reads cost no layout. The box has no size: its own rect is its origin, with its transform and
   * offset, which the badge's rect has too.
   */
  const measure = (box: HTMLElement): BadgeSpot | null => {
    const overlay = box.firstElementChild;
    // Only item boxes hold a badge (`.overlay`); evidence marks' layers are not stacked.
    if (!overlay?.classList.contains('overlay')) return null;
    const origin = box.getBoundingClientRect();
    let { left, top, right, bottom } = overlay.getBoundingClientRect();
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
    return {
      left: left - origin.left,
      right: right - origin.left,
      top: top - origin.top,
      bottom: bottom - origin.top,
    };
  };

  /**
   * Moves badges that would overlap down, below the ones shown before them, from their
   * measures (no reads): writes only the offsets that changed.
   */
  const stack = () => {
    if (!view || !restack) return;
    restack = false;
    const boxes: HTMLElement[] = [];
    const spots: BadgeSpot[] = [];
    for (const box of shown.keys()) {
      if (box.hidden || !box.isConnected) continue;
      const at = placed.get(box);
      if (!at) continue;
      // Measured in this pass's read phase unless it is not connected (nothing to stack).
      const spot = measured.get(box);
      if (!spot) continue;
      boxes.push(box);
      // Where the badge is without its current offset, in document coordinates.
      spots.push({
        left: at.x + spot.left,
        right: at.x + spot.right,
        top: at.y + spot.top,
        bottom: at.y + spot.bottom,
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
    // Badges changed since the last records were delivered: measured again below.
    badgesChanged(changes.takeRecords());
    const entries = [...shown];
    const { scrollX, scrollY } = view;
    // Reads first, then writes: the reads find the layout the frame has just made.
    const writes: Array<() => void> = [];
    // A target's rect read once a pass: its badge box and its marks layer both need it.
    const rects = new Map<Element, DOMRect>();
    for (const [box, target] of entries) {
      // Not measured since it changed: drawn before this frame's layout, so laid out.
      if (box.isConnected && !measured.has(box)) {
        measured.set(box, measure(box));
        restack = true;
      }
      let rect = rects.get(target);
      if (!rect) {
        rect = target.getBoundingClientRect();
        rects.set(target, rect);
      }
      const x = rect.right + scrollX;
      const y = rect.top + scrollY;
      const hidden = rect.width === 0 && rect.height === 0;
      // Every pass places every shown box; most have not moved, and an unchanged write
      // still costs a style change on the box.
      const last = placed.get(box);
      if (
        last &&
        last.x === x &&
        last.y === y &&
        last.width === rect.width &&
        last.height === rect.height &&
        box.hidden === hidden
      )
        continue;
      placed.set(box, { x, y, width: rect.width, height: rect.height });
      const drawn = hidden ? undefined : onPlaces.get(box)?.(rect);
      const moved = !last || last.x !== x || last.y !== y;
      writes.push(() => {
        if (moved) box.style.transform = boxTransform(x, y);
        box.hidden = hidden;
        drawn?.();
      });
    }
    if (writes.length > 0 || toHide.size > 0) restack = true;
    for (const box of toHide) {
      box.hidden = true;
      box.style.transform = '';
    }
    toHide.clear();
    for (const write of writes) write();
    stack();
    // What this pass itself changed in the overlay's root asks for no pass of its own.
    changes.takeRecords();
  };
  const resizes = new ResizeObserver(place);
  /**
   * One box stopped following `target`. The page's own size stays watched, even when an
   * item is the whole page, and so does an element that other boxes still follow.
   */
  const unfollow = (target: Element) => {
    const left = (followers.get(target) ?? 1) - 1;
    if (left > 0) {
      followers.set(target, left);
      return;
    }
    followers.delete(target);
    if (target !== doc.documentElement && target !== doc.body) resizes.unobserve(target);
  };
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
  // A resize may change the zoom: every badge measured anew.
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
      const previous = shown.get(box);
      if (previous === target) return;
      if (previous) unfollow(previous);
      // A target already observed (the page's <html> or <body>, or an element another box
      // follows) is not reported again when observed again: its box would never be placed,
      // so a pass is asked for instead.
      const observed =
        target === doc.documentElement || target === doc.body || followers.has(target);
      shown.set(box, target);
      followers.set(target, (followers.get(target) ?? 0) + 1);
      // Placed anew when it is next shown (its marks are measured again then). Its badge's
      // measure holds: it is relative to the box, and a change of content was recorded.
      placed.delete(box);
      restack = true;
      // Reported once at the next frame, after layout: that is the box's first placement.
      if (observed) schedule();
      else resizes.observe(target);
    },
    hide(box) {
      const target = shown.get(box);
      if (!target) return;
      shown.delete(box);
      unfollow(target);
      toHide.add(box);
    },
    schedule,
  };
}
