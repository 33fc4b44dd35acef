import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boxTransform, createAnchorLayer } from '@/lib/page/overlay/anchor';
import { STACK_GAP } from '@/lib/page/overlay/badge-stacking';

/**
 * The anchor layer against a model of the browser's frame: layout, then the ResizeObserver
 * callbacks. Drawing a box dirties layout; showing, hiding (`visibility`) or moving it (a
 * transform or translate) does not, and a hidden box is laid out all the same. A rect read
 * while layout is dirty counts as a forced layout, which the layer must never cause.
 */
const BADGE_HEIGHT = 20;
const INSET = 6;

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

let restore: Array<() => void> = [];
const setGlobal = (name: string, value: unknown) => {
  const had = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  restore.push(() => {
    if (had) Object.defineProperty(globalThis, name, had);
    else delete (globalThis as Record<string, unknown>)[name];
  });
};

function setup() {
  const { document, window } = parseHTML('<html><body></body></html>');
  const layout = { dirty: false, forced: 0, targetReads: 0 };
  const observed = new Set<Element>();
  let callback: (() => void) | undefined;
  setGlobal('Node', window.Node);
  setGlobal('MutationObserver', window.MutationObserver);
  setGlobal(
    'ResizeObserver',
    class {
      constructor(fn: () => void) {
        callback = fn;
      }
      observe(target: Element) {
        observed.add(target);
      }
      unobserve(target: Element) {
        observed.delete(target);
      }
      disconnect() {
        observed.clear();
      }
    },
  );
  Object.assign(window, { scrollX: 0, scrollY: 0 });

  const targets = new Map<Element, Rect>();
  const badgeWidths = new Map<Element, number>();
  const px = (text: string | undefined, at: number) =>
    Number.parseFloat(text?.match(/-?[\d.]+px/g)?.[at] ?? '0');
  const rectOf = (element: Element): Rect => {
    if (layout.dirty) {
      layout.forced += 1;
      layout.dirty = false;
    }
    const target = targets.get(element);
    if (target) {
      layout.targetReads += 1;
      return target;
    }
    const box = (
      element.classList.contains('overlay') ? element.parentElement : element
    ) as HTMLElement | null;
    if (!box) return { left: 0, top: 0, width: 0, height: 0 };
    const x = px(box.style.transform, 0);
    const y = px(box.style.transform, 1) + px(box.style.translate, 1);
    if (box === element) return { left: x, top: y, width: 0, height: 0 };
    const width = badgeWidths.get(element) ?? 0;
    return { left: x - INSET - width, top: y + INSET, width, height: BADGE_HEIGHT };
  };
  window.HTMLElement.prototype.getBoundingClientRect = function (this: Element) {
    const { left, top, width, height } = rectOf(this);
    return { left, top, width, height, right: left + width, bottom: top + height } as DOMRect;
  };

  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const controller = new AbortController();
  const anchors = createAnchorLayer(document as unknown as Document, controller.signal);

  const target = (rect: Rect) => {
    const element = document.createElement('article');
    document.body.append(element);
    targets.set(element, rect);
    return element as unknown as Element;
  };
  /** A box as the item mount makes it: hidden, with a badge drawn in it. */
  const box = (badgeWidth: number) => {
    const element = document.createElement('div');
    element.className = 'box';
    Object.defineProperty(element, 'hidden', {
      get: () => element.hasAttribute('hidden'),
      set: (value: boolean) => {
        if (value) element.setAttribute('hidden', '');
        else element.removeAttribute('hidden');
      },
    });
    element.hidden = true;
    const overlay = document.createElement('div');
    overlay.className = 'overlay';
    element.append(overlay);
    badgeWidths.set(overlay, badgeWidth);
    root.append(element);
    layout.dirty = true;
    return element as unknown as HTMLElement;
  };
  /** One frame: layout, then the resize observations. */
  const frame = () => {
    layout.dirty = false;
    if (observed.size > 0) callback?.();
    layout.dirty = false;
  };
  restore.push(() => controller.abort());
  return { anchors, target, box, frame, layout, observed };
}

describe('anchor layer', () => {
  beforeEach(() => {
    restore = [];
  });
  afterEach(() => {
    for (const undo of restore.reverse()) undo();
  });

  it('moves each box to its item’s top-right corner with a transform, forcing no layout', () => {
    const { anchors, target, box, frame, layout } = setup();
    const a = box(80);
    const b = box(80);
    anchors.show(a, target({ left: 10, top: 100, width: 300, height: 200 }));
    anchors.show(b, target({ left: 10, top: 400, width: 300, height: 200 }));
    frame();
    frame();
    expect(a.hidden).toBe(false);
    expect(a.style.transform).toBe(boxTransform(310, 100));
    expect(b.style.transform).toBe(boxTransform(310, 400));
    expect(a.style.width).toBe('');
    expect(a.style.translate ?? '').toBe('');
    expect(b.style.translate ?? '').toBe('');
    expect(layout.forced).toBe(0);
  });

  it('stacks badges that would overlap in their first pass, measured as the frame laid them out', () => {
    const { anchors, target, box, frame, layout } = setup();
    const item = target({ left: 0, top: 50, width: 400, height: 300 });
    const first = box(90);
    const second = box(60);
    anchors.show(first, item);
    anchors.show(second, item);
    frame();
    expect(second.hidden).toBe(false);
    expect(first.style.translate ?? '').toBe('');
    expect(second.style.translate).toBe(`0 ${BADGE_HEIGHT + STACK_GAP}px`);
    expect(layout.forced).toBe(0);
  });

  it('stacks a badge shown again in the same pass, from its earlier measure', () => {
    const { anchors, target, box, frame, layout } = setup();
    const item = target({ left: 0, top: 50, width: 400, height: 300 });
    const first = box(90);
    const second = box(60);
    anchors.show(first, item);
    anchors.show(second, item);
    frame();
    frame();
    anchors.hide(second);
    frame();
    expect(second.hidden).toBe(true);
    // Out of the way: a hidden box stretches the page's scrollable area nowhere.
    expect(second.style.transform).toBe('');
    anchors.show(second, item);
    frame();
    expect(second.hidden).toBe(false);
    expect(second.style.translate).toBe(`0 ${BADGE_HEIGHT + STACK_GAP}px`);
    expect(layout.forced).toBe(0);
  });

  it('reads a target that two boxes follow once a pass, and watches it while either does', () => {
    const { anchors, target, box, frame, layout, observed } = setup();
    const item = target({ left: 0, top: 50, width: 400, height: 300 });
    const other = target({ left: 0, top: 500, width: 400, height: 300 });
    const badge = box(90);
    const marks = box(0);
    anchors.show(badge, item);
    anchors.show(marks, item);
    frame();
    expect(layout.targetReads).toBe(1);
    expect(marks.style.transform).toBe(boxTransform(400, 50));
    anchors.hide(marks);
    frame();
    expect(observed.has(item)).toBe(true);
    expect(badge.hidden).toBe(false);
    // A box that follows another target stops watching the one it left.
    anchors.show(badge, other);
    frame();
    expect(observed.has(item)).toBe(false);
    expect(observed.has(other)).toBe(true);
    expect(badge.style.transform).toBe(boxTransform(400, 500));
    anchors.hide(badge);
    expect(observed.has(other)).toBe(false);
    expect(layout.forced).toBe(0);
  });
});
