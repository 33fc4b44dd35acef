/**
 * Which items are near the viewport: only those get evaluated, positioned and highlighted,
 * so a feed of thousands costs what its visible screenful costs. One IntersectionObserver
 * for the page view, with a margin so badges are ready before an item scrolls in.
 *
 * A report can bring many items near at once (a page's first screen, a feed that jumps):
 * reading, checking and drawing each costs a few hundred microseconds, so the reports are
 * handled in chunks of a few milliseconds that let the page's own tasks in between
 * (chunked-queue.ts). A report still waiting for its turn when its element is no longer
 * watched is dropped, as the observer itself would have dropped it.
 *
 * Every element observed gets a first report, far for nearly all of a feed's cards: a
 * feed of 2,000 made 2,000 reports that each went through the queue and the page view's
 * reducer to do nothing. A far report is passed on only when the element's last report
 * passed on was near (since it was last watched): one that was never near has nothing to
 * leave.
 */
import { type ChunkedQueueOptions, createChunkedQueue } from './chunked-queue';

export const NEAR_MARGIN = '800px 0px';

export interface ViewportWatch {
  observe(element: Element): void;
  unobserve(element: Element): void;
}

export function watchViewport(
  onChange: (element: Element, near: boolean) => void,
  signal: AbortSignal,
  chunks?: ChunkedQueueOptions,
): ViewportWatch {
  /** Counts each element's unobserve calls: a queued report from before one is stale. */
  const watches = new WeakMap<Element, number>();
  /** Elements whose last report passed on (since they were last watched) was near. */
  const nearNow = new WeakSet<Element>();
  const reports = createChunkedQueue<{ element: Element; near: boolean; watch: number }>(
    ({ element, near, watch }) => {
      if ((watches.get(element) ?? 0) === watch) onChange(element, near);
    },
    signal,
    chunks,
  );
  const observer = new IntersectionObserver(
    (entries) => {
      const passed: { element: Element; near: boolean; watch: number }[] = [];
      for (const entry of entries) {
        const element = entry.target;
        if (entry.isIntersecting) nearNow.add(element);
        else if (!nearNow.delete(element)) continue; // never near: nothing to leave
        passed.push({ element, near: entry.isIntersecting, watch: watches.get(element) ?? 0 });
      }
      if (passed.length > 0) reports.push(...passed);
    },
    { rootMargin: NEAR_MARGIN },
  );
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return {
    observe: (element) => observer.observe(element),
    unobserve: (element) => {
      observer.unobserve(element);
      watches.set(element, (watches.get(element) ?? 0) + 1);
      nearNow.delete(element);
    },
  };
}
