/**
 * Which items are near the viewport: only those get evaluated, positioned and highlighted,
 * so a feed of thousands costs what its visible screenful costs. One IntersectionObserver
 * for the page view, with a margin so badges are ready before an item scrolls in.
 */
export const NEAR_MARGIN = '800px 0px';

export interface ViewportWatch {
  observe(element: Element): void;
  unobserve(element: Element): void;
}

export function watchViewport(
  onChange: (element: Element, near: boolean) => void,
  signal: AbortSignal,
): ViewportWatch {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) onChange(entry.target, entry.isIntersecting);
    },
    { rootMargin: NEAR_MARGIN },
  );
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return {
    observe: (element) => observer.observe(element),
    unobserve: (element) => observer.unobserve(element),
  };
}
