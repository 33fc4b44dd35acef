import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { AnchorLayer, OnPlace } from '@/lib/page/overlay/anchor';
import { createEvidenceMarks } from '@/lib/page/overlay/evidence-marks';

/**
 * Evidence marks measured in the answer's task are drawn into their hidden layer at once (the
 * frame lays them out with the badge), and the placement pass redraws them only when they
 * moved: a pass that rebuilt them each time cost every batch of answers a second layout.
 */
function setup() {
  const { document } = parseHTML(
    '<html><body><article><p>buy a premium copy today</p></article></body></html>',
  );
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const item = document.querySelector('article') as Element;
  const text = (document.querySelector('p') as Element).firstChild as Text;
  // The item's box, and where the span's line is on screen (a model of the layout).
  const itemRect = { left: 0, top: 100, right: 300, bottom: 200, width: 300, height: 100 };
  let lineRects = [{ left: 40, top: 110, width: 80, height: 16 }];
  item.getBoundingClientRect = () => itemRect as DOMRect;
  let reads = 0;
  document.createRange = () =>
    ({
      setStart() {},
      setEnd() {},
      collapse() {},
      getClientRects: () => {
        reads++;
        return lineRects;
      },
      toString: () => 'premium copy',
    }) as unknown as Range;
  const placed: Array<{ box: HTMLElement; onPlace: OnPlace | undefined }> = [];
  const anchors: AnchorLayer = {
    show: (box, _target, onPlace) => placed.push({ box, onPlace }),
    hide() {},
    schedule() {},
  };
  const marks = createEvidenceMarks(
    root as unknown as ShadowRoot,
    anchors,
    new AbortController().signal,
  );
  const spans = [
    {
      tone: 'critical' as const,
      span: { startContainer: text, startOffset: 6, endContainer: text, endOffset: 18 },
    },
  ];
  /** The placement pass as the anchor layer runs it: reads (the item's rect), then writes. */
  const pass = () => {
    for (const { onPlace } of placed) onPlace?.(itemRect as DOMRect)();
  };
  const marksIn = (layer: Element) =>
    [...layer.querySelectorAll('.mark')].map((mark) => (mark as HTMLElement).style.cssText);
  return {
    root,
    item,
    marks,
    spans,
    pass,
    marksIn,
    reads: () => reads,
    resizeItem: (width: number) => {
      itemRect.width = width;
      itemRect.right = itemRect.left + width;
    },
    moveLine: (rects: typeof lineRects) => {
      lineRects = rects;
    },
  };
}

describe('evidence marks', () => {
  it('draws marks measured beforehand at once, and a pass that finds them in place keeps them', () => {
    const t = setup();
    const measured = t.marks.measure(t.item, t.spans);
    t.marks.set('k', t.item, t.spans, measured);
    const layer = t.root.querySelector('.marks') as HTMLElement;
    expect(layer.hidden).toBe(true);
    const group = layer.firstElementChild;
    expect(group?.getAttribute('data-text')).toBe('premium copy');
    // Relative to the item's top-right corner.
    expect(t.marksIn(layer)).toEqual(['left:-260px;top:10px;width:80px;height:16px']);
    // Its first placement, the item's size unchanged: nothing measured or drawn again.
    t.pass();
    expect(t.reads()).toBe(1);
    expect(layer.firstElementChild).toBe(group);
    // Placed again (moved, say) with the marks where they were: measured, not redrawn.
    t.pass();
    expect(t.reads()).toBe(2);
    expect(layer.firstElementChild).toBe(group);
    // The text moved (a new line break, a resize): drawn again where it is now.
    t.moveLine([{ left: 50, top: 130, width: 70, height: 16 }]);
    t.pass();
    expect(layer.firstElementChild).not.toBe(group);
    expect(t.marksIn(layer)).toEqual(['left:-250px;top:30px;width:70px;height:16px']);
  });

  it('measures again at the first placement when the item changed size since', () => {
    const t = setup();
    t.marks.set('k', t.item, t.spans, t.marks.measure(t.item, t.spans));
    const layer = t.root.querySelector('.marks') as HTMLElement;
    t.resizeItem(280);
    t.moveLine([{ left: 40, top: 126, width: 80, height: 16 }]);
    t.pass();
    expect(t.marksIn(layer)).toEqual(['left:-240px;top:26px;width:80px;height:16px']);
  });

  it('draws marks set without a measure in the pass, as before', () => {
    const t = setup();
    t.marks.set('k', t.item, t.spans);
    const layer = t.root.querySelector('.marks') as HTMLElement;
    expect(layer.childElementCount).toBe(0);
    t.pass();
    expect(t.marksIn(layer)).toEqual(['left:-260px;top:10px;width:80px;height:16px']);
  });
});
