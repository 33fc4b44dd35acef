import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  collapsedTextOf,
  evidenceSpans,
  type TextSpan,
  textOfSpan,
} from '@/lib/page/overlay/evidence-ranges';
import { fieldTexts } from '@/lib/page/overlay/policy-input';
import { adapterFor } from '@/lib/page/sites/registry';
import { fixture } from '../sites/fixture';

const dom = (html: string) =>
  parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

/** What a span covers, read straight from the page's text nodes. */
function pageText(span: TextSpan): string {
  if (span.startContainer === span.endContainer)
    return span.startContainer.data.slice(span.startOffset, span.endOffset);
  let out = span.startContainer.data.slice(span.startOffset);
  let node: Node | null = span.startContainer;
  // Walk forward in document order to the end container.
  while (node && node !== span.endContainer) {
    node = next(node);
    if (node && node.nodeType === 3 && node !== span.endContainer) out += (node as Text).data;
  }
  return out + span.endContainer.data.slice(0, span.endOffset);
}
function next(node: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  let n: Node | null = node;
  while (n && !n.nextSibling) n = n.parentNode;
  return n?.nextSibling ?? null;
}

describe('collapsedTextOf', () => {
  it('collapses whitespace like the adapters and traces each character to its text node', () => {
    const doc = dom('<div id="d">  Buy <b>now</b>\n\n   <i>please </i> </div>');
    const collapsed = collapsedTextOf(doc.getElementById('d')!);
    expect(collapsed.text).toBe(' Buy now please ');
    expect(collapsed.text).toBe(doc.getElementById('d')!.textContent!.replace(/\s+/g, ' '));
    expect(collapsed.starts).toHaveLength(collapsed.text.length);
    expect(collapsed.starts[5]!.node.data).toBe('now');
  });
});

describe('evidenceSpans', () => {
  it('maps field offsets to the page text, across elements and collapsed whitespace', () => {
    const doc = dom(
      '<article id="a"><h3>kedai.murah</h3><div class="d">\n  <span>Beg   premium\n copy <b>1:1</b> ori</span>\n <a>#beg</a></div></article>',
    );
    const description = 'Beg premium copy 1:1 ori #beg';
    const spans = evidenceSpans(
      doc.getElementById('a')!,
      { description, 'creator.handle': 'kedai.murah' },
      [
        { field: 'description', start: 4, end: 16, text: 'premium copy' },
        { field: 'description', start: 17, end: 20, text: '1:1' },
        { field: 'creator.handle', start: 0, end: 5, text: 'kedai' },
        { field: 'hashtags', start: 0, end: 4, text: '#beg' },
        { field: 'price', start: 0, end: 0, text: 'discount 98%' },
        { field: 'description', start: 0, end: 99, text: 'past the end' },
      ],
    );
    expect(spans.map((s) => (s ? pageText(s) : undefined))).toEqual([
      'premium\n copy',
      '1:1',
      'kedai',
      '#beg',
      undefined,
      undefined,
    ]);
  });

  it('finds nothing when the field is not in the page (e.g. read from JSON-LD)', () => {
    const doc = dom('<div id="a">Visible text</div>');
    expect(
      evidenceSpans(doc.getElementById('a')!, { title: 'Hidden title' }, [
        { field: 'title', start: 0, end: 6, text: 'Hidden' },
      ]),
    ).toEqual([undefined]);
  });

  it('keeps offsets right after characters outside the BMP', () => {
    const doc = dom('<p id="p">🔥🔥 <span>copy 1:1</span></p>');
    const title = '🔥🔥 copy 1:1';
    const [span] = evidenceSpans(doc.getElementById('p')!, { title }, [
      { field: 'title', start: title.indexOf('1:1'), end: title.length, text: '1:1' },
    ]);
    expect(span && pageText(span)).toBe('1:1');
  });

  it('highlights the feed fixture evidence at the words the engine reported', () => {
    const { document, url } = fixture('feed.html', '/foryou');
    const items = adapterFor(url, document)!.findItems(document, url);
    const item = items.find((i) => i.itemId === '7302000000000000001')!;
    const fields = fieldTexts(item);
    const description = fields.description!;
    const evidence = ['premium copy', '1:1', '012-345 6789'].map((text) => ({
      field: 'description',
      start: description.indexOf(text),
      end: description.indexOf(text) + text.length,
      text,
    }));
    const spans = evidenceSpans(item.element, fields, evidence);
    const collapsed = collapsedTextOf(item.element);
    expect(spans.map((s) => s && textOfSpan(s, collapsed))).toEqual([
      'premium copy',
      '1:1',
      '012-345 6789',
    ]);
    expect(spans.map((s) => s && pageText(s))).toEqual(['premium copy', '1:1', '012-345 6789']);
  });
});
