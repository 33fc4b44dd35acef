import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { classifyBatch, HUGE_BATCH } from '@/lib/page/overlay/scan-scheduler';

const { document } = parseHTML('<html><body><ul id="feed"><li>a</li></ul></body></html>');
const feed = document.getElementById('feed') as Element;

const record = (added: Node[], removed: Node[] = []) =>
  ({ addedNodes: added, removedNodes: removed }) as unknown as MutationRecord;

describe('classifyBatch', () => {
  it('hands over only the added elements, so a growing feed is read where it grew', () => {
    const cards = [document.createElement('li'), document.createElement('li')];
    feed.append(...cards);
    expect(classifyBatch([record([cards[0]!]), record([cards[1]!])])).toEqual({
      kind: 'added',
      roots: cards,
      removed: false,
    });
  });

  it('looks at the parent of added text, and skips whitespace and nodes already gone', () => {
    const item = feed.querySelector('li') as Element;
    const text = document.createTextNode('late description');
    item.append(text);
    const gone = document.createElement('li');
    const blank = document.createTextNode('  ');
    expect(classifyBatch([record([text, gone, blank])])).toEqual({
      kind: 'added',
      roots: [item],
      removed: false,
    });
  });

  it('sweeps when nodes were only removed, and does nothing for attribute-only batches', () => {
    expect(classifyBatch([record([], [document.createElement('li')])])).toEqual({
      kind: 'sweep',
    });
    expect(classifyBatch([record([])])).toBeUndefined();
  });

  it('rescans the whole page when the batch is too big to read', () => {
    const many = Array.from({ length: HUGE_BATCH + 1 }, () => record([]));
    expect(classifyBatch(many)).toEqual({ kind: 'full' });
  });
});
