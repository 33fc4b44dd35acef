/**
 * Evidence marked over the page's own text, drawn inside Flagpost's closed shadow root: one
 * translucent box per line of each matched span, in a layer that follows the item like its
 * overlay box. Nothing is registered with the page: the CSS Custom Highlight API (which
 * this replaces) keeps its ranges in `CSS.highlights`, a registry every page script can
 * read, so a seller could read what the policy pack matched and how severe it judged it.
 *
 * Spans are kept as plain positions (text node, offset), never as live Ranges: the browser
 * updates every live Range of a document on each change to its nodes, which made the
 * page's own feed building slower (BENCHMARKS.md, "Overlays"). A Range exists only for the
 * moment a span is measured, in the anchor layer's placement pass (after layout, before
 * any write). When the page replaces a marked text its node leaves the page and the span
 * marks nothing.
 *
 * A new item's marks are measured when its findings are drawn (`measure`, before that
 * task's writes: the item mount reads first, then writes) and drawn into their hidden layer
 * at once, so that the frame lays them out with the item's new badge. The placement pass
 * measures them again and redraws them only when they moved: drawing them in the pass's
 * write phase, as before, cost every batch of answers a second layout of the document in
 * the same frame (BENCHMARKS.md, 2026-12-07, "answers drawn in one layout").
 */
import type { Severity } from '@/lib/shared/protocol/records';
import type { AnchorLayer } from './anchor';
import type { TextSpan } from './evidence-ranges';

/** How a span is drawn: its finding's severity, or quiet when only the scorer suggests it. */
export type MarkTone = Severity | 'suggested';

export interface MarkedSpan {
  tone: MarkTone;
  span: TextSpan;
}

/** Where an item's marks are, measured before they are set (`EvidenceMarks.measure`). */
export interface MeasuredMarks {
  marks: ReturnType<typeof measure>;
  /** The item's size when they were measured: the pass keeps them while it holds. */
  width: number;
  height: number;
}

export interface EvidenceMarks {
  /**
   * Where `spans` are relative to `element`'s box (reads only: call it before writing to
   * the page in the same task, or it forces a layout).
   */
  measure(element: Element, spans: readonly MarkedSpan[]): MeasuredMarks;
  /**
   * Replaces one item's marks; they show while the item is shown (`show`). `measured`
   * (from `measure`, this task): drawn into the layer now, laid out with the next frame.
   */
  set(key: string, element: Element, spans: readonly MarkedSpan[], measured?: MeasuredMarks): void;
  /** The item came near: its marks follow it again. */
  show(key: string): void;
  /** The item went away: its marks stop following it (hidden at the next pass). */
  hide(key: string): void;
  delete(key: string): void;
}

/** Whether `span` still fits its text nodes (the page may have changed the text). */
const fits = (span: TextSpan) =>
  span.startContainer.isConnected &&
  span.endContainer.isConnected &&
  span.startOffset <= span.startContainer.length &&
  span.endOffset <= span.endContainer.length &&
  (span.startContainer !== span.endContainer || span.startOffset <= span.endOffset);

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What a layer drawn from `measured` holds, as a string: equal strings, equal marks. */
const drawnAs = (measured: MeasuredMarks['marks']) =>
  measured
    .map(
      ({ tone, text, rects }) =>
        `${tone}\u0000${text}\u0000${rects.map((r) => `${r.left},${r.top},${r.width},${r.height}`).join(';')}`,
    )
    .join('\u0001');

/**
 * Where each line of each span is, relative to the item's box (`origin`: the item's rect;
 * the box's origin is its top-right corner, anchor.ts).
 */
function measure(doc: Document, spans: readonly MarkedSpan[], origin: DOMRect) {
  const out: Array<{ tone: MarkTone; text: string; rects: Rect[] }> = [];
  const range = doc.createRange();
  for (const { tone, span } of spans) {
    if (!fits(span)) continue;
    range.setStart(span.startContainer, span.startOffset);
    range.setEnd(span.endContainer, span.endOffset);
    const rects = [...range.getClientRects()]
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({
        left: r.left - origin.right,
        top: r.top - origin.top,
        width: r.width,
        height: r.height,
      }));
    out.push({ tone, text: range.toString(), rects });
  }
  // Detached, so it no longer follows the document's changes.
  range.setStart(doc, 0);
  range.collapse(true);
  return out;
}

export function createEvidenceMarks(
  root: ShadowRoot,
  anchors: AnchorLayer,
  signal: AbortSignal,
): EvidenceMarks {
  const doc = root.ownerDocument;
  const items = new Map<string, { layer: HTMLElement; element: Element; shown: boolean }>();
  /** What each layer holds now, as `drawnAs` writes it: a pass that finds the same draws nothing. */
  const drawn = new WeakMap<HTMLElement, string>();

  /**
   * Layers drawn from a measure taken at `set`, not placed since: their first placement
   * measures nothing while the item keeps the size it had then (marks are relative to it).
   */
  const fresh = new WeakMap<HTMLElement, MeasuredMarks>();

  const draw = (layer: HTMLElement, measured: MeasuredMarks['marks']) => {
    const as = drawnAs(measured);
    if (drawn.get(layer) === as) return;
    drawn.set(layer, as);
    const marks = measured.map(({ tone, text, rects }) => {
      const group = doc.createElement('div');
      group.className = `mark-group mark-${tone}`;
      group.dataset.tone = tone;
      group.dataset.text = text;
      for (const rect of rects) {
        const mark = doc.createElement('div');
        mark.className = 'mark';
        mark.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
        group.append(mark);
      }
      return group;
    });
    layer.replaceChildren(...marks);
  };

  const follow = (key: string) => {
    const entry = items.get(key);
    if (!entry || signal.aborted) return;
    entry.shown = true;
    const { layer, element } = entry;
    anchors.show(layer, element, (origin) => {
      const set = fresh.get(layer);
      fresh.delete(layer);
      if (set && set.width === origin.width && set.height === origin.height) return () => {};
      const measured = measure(doc, spansOf.get(key) ?? [], origin);
      return () => draw(layer, measured);
    });
  };
  const spansOf = new Map<string, readonly MarkedSpan[]>();

  const remove = (key: string) => {
    const entry = items.get(key);
    if (!entry) return;
    anchors.hide(entry.layer);
    entry.layer.remove();
    items.delete(key);
    spansOf.delete(key);
  };

  return {
    measure(element, spans) {
      const origin = element.getBoundingClientRect();
      return { marks: measure(doc, spans, origin), width: origin.width, height: origin.height };
    },
    set(key, element, spans, measured) {
      remove(key);
      if (signal.aborted || spans.length === 0) return;
      const layer = doc.createElement('div');
      layer.className = 'marks';
      layer.hidden = true;
      // Drawn hidden, before the layer joins the root: laid out in the next frame's own
      // layout, where the pass finds them in place.
      if (measured) {
        draw(layer, measured.marks);
        fresh.set(layer, measured);
      }
      // Behind the overlay boxes (earlier in the root), above the page.
      root.prepend(layer);
      items.set(key, { layer, element, shown: false });
      spansOf.set(key, spans);
      follow(key);
    },
    show(key) {
      if (items.get(key)?.shown === false) follow(key);
    },
    hide(key) {
      const entry = items.get(key);
      if (!entry?.shown) return;
      entry.shown = false;
      anchors.hide(entry.layer);
    },
    delete: remove,
  };
}
