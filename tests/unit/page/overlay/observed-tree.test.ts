import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { observedPieces } from '@/lib/page/overlay/observed-tree';

const { document } = parseHTML(`<html><head><title>Sale</title></head><body>
  <header><nav><a href="/">Home</a></nav></header>
  <main>
    <p>Ends in <span id="page-countdown">00:10</span></p>
    <h1>Headphones</h1>
    <div itemscope><p>Deal ends in <span id="offer-countdown">00:10</span></p></div>
  </main>
  <footer>Shop</footer>
</body></html>`);

const root = document.documentElement as unknown as Node;
const $ = (selector: string) => document.querySelector(selector) as unknown as Element;
const describePieces = (aside: Element[]) =>
  observedPieces(root, aside).map(
    ({ node, subtree }) =>
      `${(node as Element).id || (node as Element).localName}${subtree ? ' +subtree' : ''}`,
  );

describe('observedPieces', () => {
  it('observes the whole tree while nothing is set aside', () => {
    expect(observedPieces(root, [])).toEqual([{ node: root, subtree: true }]);
  });

  it('observes a leaf’s ancestors for their own children and every other branch whole', () => {
    expect(describePieces([$('#page-countdown')])).toEqual([
      'html',
      'head +subtree',
      'body',
      'header +subtree',
      'main',
      'p',
      'h1 +subtree',
      'div +subtree',
      'footer +subtree',
    ]);
  });

  it('never observes the leaves, and shares the ancestors of two of them', () => {
    const pieces = describePieces([$('#page-countdown'), $('#offer-countdown')]);
    expect(pieces).not.toContain('page-countdown +subtree');
    expect(pieces).not.toContain('offer-countdown +subtree');
    expect(pieces.filter((piece) => piece === 'main')).toHaveLength(1);
    expect(pieces).toContain('div');
    expect(pieces).toContain('h1 +subtree');
  });

  it('ignores leaves outside the tree and the root itself', () => {
    const stray = document.createElement('span') as unknown as Element;
    expect(observedPieces(root, [stray, root as Element])).toEqual([{ node: root, subtree: true }]);
  });

  it('covers every element of the tree but the leaves, each exactly once', () => {
    const leaves = [$('#page-countdown'), $('#offer-countdown')];
    const pieces = observedPieces(root, leaves);
    const covered = new Set<Node>();
    for (const { node, subtree } of pieces) {
      const all = subtree ? [node, ...(node as Element).querySelectorAll('*')] : [node];
      for (const element of all) {
        expect(covered.has(element as Node)).toBe(false);
        covered.add(element as Node);
      }
    }
    const everything = [root, ...document.documentElement.querySelectorAll('*')] as Node[];
    expect(everything.filter((node) => !covered.has(node))).toEqual(leaves);
  });
});
