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
 */
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
  let queued = false;

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
  };
  const resizes = new ResizeObserver(place);
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
  signal.addEventListener('abort', () => resizes.disconnect(), { once: true });

  return {
    show(box, target, onPlace) {
      toHide.delete(box);
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
