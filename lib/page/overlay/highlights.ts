/**
 * Evidence highlighted in the page's own text without touching its DOM: the CSS Custom
 * Highlight API paints Ranges registered in `CSS.highlights`. The `::highlight()` rules must
 * apply in the page's document (that is where the ranges are), so they go in one constructed
 * stylesheet adopted by the document; it holds only `::highlight(flagpost-*)` rules, which
 * cannot restyle anything else. Where the API is missing, nothing is highlighted (the card
 * still lists the evidence text).
 *
 * The ranges are StaticRanges, not live Ranges: the browser updates every live Range of a
 * document on each change to that document's nodes, including the detached cards a feed
 * builds before appending them, so a few dozen highlighted items made the page's own card
 * building measurably slower (BENCHMARKS.md, "Overlays"). A static range does not follow
 * edits; when the page replaces a highlighted text its node leaves the page and the range
 * paints nothing, as a live one collapsed by the same edit would.
 */
import type { Severity } from '@/lib/shared/protocol/records';
import type { TextSpan } from './evidence-ranges';

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export const highlightName = (severity: Severity) => `flagpost-${severity}`;

const RULES = `
::highlight(flagpost-low) { background-color: rgba(100, 116, 139, 0.3); }
::highlight(flagpost-medium) { background-color: rgba(234, 179, 8, 0.4); }
::highlight(flagpost-high) { background-color: rgba(249, 115, 22, 0.4); }
::highlight(flagpost-critical) { background-color: rgba(220, 38, 38, 0.35); text-decoration: underline wavy rgb(185, 28, 28); }
`;

export interface EvidenceHighlights {
  /** Replaces one item's highlighted spans. */
  set(key: string, spans: ReadonlyArray<{ severity: Severity; span: TextSpan }>): void;
  delete(key: string): void;
}

type HighlightCtor = new (...ranges: AbstractRange[]) => Highlight;
type StaticRangeCtor = new (init: StaticRangeInit) => StaticRange;

/** Whether `span` still fits its text nodes (a StaticRange does not check, unlike a Range). */
const fits = (span: TextSpan) =>
  span.startOffset <= span.startContainer.length &&
  span.endOffset <= span.endContainer.length &&
  (span.startContainer !== span.endContainer || span.startOffset <= span.endOffset);

/** Highlights for one page view, all removed when `signal` aborts. */
export function createEvidenceHighlights(doc: Document, signal: AbortSignal): EvidenceHighlights {
  // The content script's globals belong to the page's window (its isolated world).
  const scope = globalThis as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: HighlightCtor;
    StaticRange?: StaticRangeCtor;
  };
  const registry = scope.CSS?.highlights;
  const HighlightClass = scope.Highlight;
  const StaticRangeClass = scope.StaticRange;
  if (!registry || !HighlightClass || !StaticRangeClass || !('adoptedStyleSheets' in doc))
    return { set() {}, delete() {} };

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(RULES);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const highlights = new Map<Severity, Highlight>();
  for (const severity of SEVERITIES) {
    const highlight = new HighlightClass();
    highlights.set(severity, highlight);
    registry.set(highlightName(severity), highlight);
  }
  const byItem = new Map<string, Array<{ severity: Severity; range: StaticRange }>>();

  const remove = (key: string) => {
    for (const { severity, range } of byItem.get(key) ?? [])
      highlights.get(severity)?.delete(range);
    byItem.delete(key);
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const severity of SEVERITIES) {
        if (registry.get(highlightName(severity)) === highlights.get(severity))
          registry.delete(highlightName(severity));
      }
      byItem.clear();
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    },
    { once: true },
  );

  return {
    set(key, spans) {
      remove(key);
      if (signal.aborted || spans.length === 0) return;
      const entries = [];
      for (const { severity, span } of spans) {
        if (!fits(span)) continue; // the page changed the text since it was read
        const range = new StaticRangeClass(span);
        highlights.get(severity)?.add(range);
        entries.push({ severity, range });
      }
      byItem.set(key, entries);
    },
    delete: remove,
  };
}
