/**
 * Keeps an overlay box over its item: the box takes the item's top edge and width in
 * document coordinates, and follows it when the item or the page is resized. Scrolling
 * needs no work because the box is in document, not viewport, coordinates.
 */
export function anchorBox(box: HTMLElement, target: Element, signal: AbortSignal): void {
  const view = target.ownerDocument.defaultView;
  if (!view) return;
  const place = () => {
    const rect = target.getBoundingClientRect();
    box.style.left = `${rect.left + view.scrollX}px`;
    box.style.top = `${rect.top + view.scrollY}px`;
    box.style.width = `${rect.width}px`;
    box.hidden = rect.width === 0 && rect.height === 0;
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    view.requestAnimationFrame(() => {
      queued = false;
      if (!signal.aborted) place();
    });
  };
  place();
  const observer = new ResizeObserver(schedule);
  observer.observe(target);
  if (target.ownerDocument.body) observer.observe(target.ownerDocument.body);
  view.addEventListener('resize', schedule, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
