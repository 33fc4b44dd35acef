/**
 * The vocabulary a hashtag or handle is split over (term-index.ts): the words of the pack's
 * terms of three units or more without a digit, filtered once when the index is built.
 */
import { describe, expect, it } from 'vitest';
import { normalise, termKey } from '@/lib/shared/policy/normalise';
import { buildTermIndex, findTerms } from '@/lib/shared/policy/term-index';

const TERMS = ['gfe', 'vip88 girls', 'win 888', 'top 100', 'dm to order', 'ps5'];
const index = buildTermIndex(
  TERMS.map((t, slot) => {
    const key = termKey(t);
    return { slot, fold: key.fold, text: key.text, sensitive: true, wholeWord: true };
  }),
);
const found = (input: string) => {
  const n = normalise(input);
  return findTerms(index, n).map((h) =>
    input.slice(n.text.starts[h.start]!, n.text.ends[h.end - 1]!),
  );
};

describe('tag vocabulary', () => {
  it('holds the words of three units or more without a digit, and nothing else', () => {
    // Fold keys: leet reads "100" as "ioo" and "ps5" as "pss", while "vip88" and "888" keep
    // their digits; "dm" and "to" are too short to split over.
    const words = ['gfe', 'girls', '100', 'order', 'ps5', 'top', 'win'].map((w) => termKey(w).fold);
    expect([...index.vocabulary].sort()).toEqual(words.sort());
    expect(index.longestWord).toBe(5);
  });

  it('splits a tag over digit-free words only', () => {
    expect(found('#gfegirls')).toEqual(['gfe']);
    expect(found('#gfetop')).toEqual(['gfe']);
    // "vip88" and "888" are words of the pack, but a tag's digits do not split as text.
    expect(found('#gfevip88')).toEqual([]);
    expect(found('#gfe888')).toEqual([]);
    // The joined term still reads; what is left of the tag splits into "gfe".
    expect(found('#gfevip88girls')).toEqual(['vip88girls']);
  });
});
