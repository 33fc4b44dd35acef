/** The viewport watch: which of the observer's reports reach the page view. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchViewport } from '@/lib/page/overlay/viewport-watch';

/** An IntersectionObserver the test drives: `report` delivers entries as the browser would. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed = new Set<Element>();
  constructor(readonly callback: (entries: Array<Partial<IntersectionObserverEntry>>) => void) {
    FakeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  report(...entries: Array<[Element, boolean]>) {
    this.callback(entries.map(([target, isIntersecting]) => ({ target, isIntersecting })));
  }
}

const card = () => ({}) as Element;

describe('watchViewport', () => {
  let reports: Array<[Element, boolean]>;
  let observer: FakeObserver;
  let watch: ReturnType<typeof watchViewport>;
  beforeEach(() => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    reports = [];
    watch = watchViewport(
      (element, near) => reports.push([element, near]),
      new AbortController().signal,
    );
    observer = FakeObserver.last as FakeObserver;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('passes on near reports, and far ones only for elements that were near', () => {
    const [a, b, c] = [card(), card(), card()];
    for (const element of [a, b, c]) watch.observe(element);
    // The first report of every element watched: most of a feed is far.
    observer.report([a, true], [b, false], [c, false]);
    expect(reports).toEqual([[a, true]]);
    observer.report([a, false], [b, true]);
    expect(reports).toEqual([
      [a, true],
      [a, false],
      [b, true],
    ]);
    // Far again without coming near in between: the observer does not do it, but a far
    // report after a far one has nothing to leave either.
    observer.report([a, false]);
    expect(reports).toHaveLength(3);
  });

  it('forgets that an element was near when it is no longer watched', () => {
    const a = card();
    watch.observe(a);
    observer.report([a, true]);
    watch.unobserve(a);
    watch.observe(a);
    // Watched again: its first report is far, and nothing of it is near to leave.
    observer.report([a, false]);
    expect(reports).toEqual([[a, true]]);
    observer.report([a, true]);
    expect(reports).toEqual([
      [a, true],
      [a, true],
    ]);
  });
});
