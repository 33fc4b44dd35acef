/**
 * Evidence highlighted in the page's own text without touching its DOM: the CSS Custom
 * Highlight API paints Ranges registered in `CSS.highlights`. The `::highlight()` rules must
 * apply in the page's document (that is where the ranges are), so they go in one constructed
 * stylesheet adopted by the document; it holds only `::highlight(flagpost-*)` rules, which
 * cannot restyle anything else. Where the API is missing, nothing is highlighted (the card
 * still lists the evidence text).
 */
import type { Severity } from '@/lib/protocol/records';
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

/** Highlights for one page view, all removed when `signal` aborts. */
export function createEvidenceHighlights(doc: Document, signal: AbortSignal): EvidenceHighlights {
  // The content script's globals belong to the page's window (its isolated world).
  const scope = globalThis as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: HighlightCtor;
  };
  const registry = scope.CSS?.highlights;
  const HighlightClass = scope.Highlight;
  if (!registry || !HighlightClass || !('adoptedStyleSheets' in doc))
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
  const byItem = new Map<string, Array<{ severity: Severity; range: Range }>>();

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
        const range = doc.createRange();
        try {
          range.setStart(span.startContainer, span.startOffset);
          range.setEnd(span.endContainer, span.endOffset);
        } catch {
          continue; // the page changed the text since it was read
        }
        highlights.get(severity)?.add(range);
        entries.push({ severity, range });
      }
      byItem.set(key, entries);
    },
    delete: remove,
  };
}
