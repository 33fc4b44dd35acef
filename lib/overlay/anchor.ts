/**
 * Keeps overlay boxes over their items. Boxes are in document coordinates (scrolling needs
 * no work) and only boxes of items near the viewport are placed; the others are hidden.
 * Placement is one batched pass per frame that reads every rect first and then writes every
 * box, so a batch of new items costs one layout, not one per item. The pass runs when items
 * are added, come near, change size, or when the page or the window is resized.
 */
export interface AnchorLayer {
  /** Places `box` over `target` while it is near the viewport. */
  show(box: HTMLElement, target: Element): void;
  /** Hides `box` and stops following its target. */
  hide(box: HTMLElement): void;
  /** Asks for a placement pass in the next frame. */
  schedule(): void;
}

export function createAnchorLayer(doc: Document, signal: AbortSignal): AnchorLayer {
  const view = doc.defaultView;
  const shown = new Map<HTMLElement, Element>();
  let queued = false;

  const place = () => {
    queued = false;
    if (signal.aborted || !view) return;
    const entries = [...shown];
    // Reads first, then writes: one layout for the whole pass.
    const rects = entries.map(([, target]) => target.getBoundingClientRect());
    const { scrollX, scrollY } = view;
    entries.forEach(([box], i) => {
      const rect = rects[i]!;
      box.style.left = `${rect.left + scrollX}px`;
      box.style.top = `${rect.top + scrollY}px`;
      box.style.width = `${rect.width}px`;
      box.hidden = rect.width === 0 && rect.height === 0;
    });
  };
  const schedule = () => {
    if (queued || signal.aborted || !view) return;
    queued = true;
    view.requestAnimationFrame(place);
  };

  const resizes = new ResizeObserver(schedule);
  if (doc.body) resizes.observe(doc.body);
  view?.addEventListener('resize', schedule, { signal });
  signal.addEventListener('abort', () => resizes.disconnect(), { once: true });

  return {
    show(box, target) {
      if (shown.get(box) === target) return;
      shown.set(box, target);
      resizes.observe(target);
      schedule();
    },
    hide(box) {
      const target = shown.get(box);
      if (!target) return;
      shown.delete(box);
      resizes.unobserve(target);
      box.hidden = true;
    },
    schedule,
  };
}
