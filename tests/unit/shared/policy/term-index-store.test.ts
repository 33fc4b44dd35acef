import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { evaluate, loadPack } from '@/lib/shared/policy';
import type { TermIndex } from '@/lib/shared/policy/term-index';
import {
  storedIndexForm,
  storedTermIndex,
  TERM_INDEX_FORMAT,
} from '@/lib/shared/policy/term-index-store';

const mini = (): Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

async function fresh() {
  const result = await loadPack(mini(), { allowUnsigned: true });
  if (!result.ok) throw new Error('mini pack should load');
  return result;
}

/** A round trip through the structured clone IndexedDB uses. */
const cloned = (value: unknown): unknown => deserialize(serialize(value));

describe('kept term indexes', () => {
  it('a stored index comes back valid and gives the same findings as compiling', async () => {
    const first = await fresh();
    const stored = cloned({
      format: TERM_INDEX_FORMAT,
      release: '1.2.3',
      digest: first.digest,
      index: storedIndexForm(first.pack.terms),
    });
    const index = storedTermIndex(stored, { digest: first.digest, release: '1.2.3' });
    expect(index).toBeDefined();
    const again = await loadPack(mini(), {
      allowUnsigned: true,
      termIndexes: new Map([[first.digest, index!]]),
    });
    if (!again.ok) throw new Error('should load');
    expect(again.pack.terms).toBe(index);
    expect(index!.entries).toEqual(first.pack.terms.entries);
    const input = { fields: { description: 'genuine r3plica bags, call 081 234 5678' } };
    expect(evaluate(again.pack, input)).toEqual(evaluate(first.pack, input));
  });

  it('refuses another release, another digest, another format or a damaged index', async () => {
    const first = await fresh();
    const good = { format: TERM_INDEX_FORMAT, release: 'r', digest: first.digest };
    const expected = { digest: first.digest, release: 'r' };
    const index = cloned(storedIndexForm(first.pack.terms)) as unknown as Record<string, unknown>;
    expect(storedTermIndex({ ...good, index }, expected)).toBeDefined();
    expect(storedTermIndex({ ...good, index }, { ...expected, release: 's' })).toBeUndefined();
    expect(storedTermIndex({ ...good, index }, { ...expected, digest: 'x' })).toBeUndefined();
    expect(storedTermIndex({ ...good, format: 0, index }, expected)).toBeUndefined();
    const automaton = index.automaton as Record<string, unknown>;
    const entries = index.entries as Record<string, unknown>;
    const ends = entries.stringEnds as Int32Array;
    const shortEnds = Int32Array.from(ends);
    shortEnds[ends.length - 1] = (entries.chars as string).length + 1;
    const badSlot = Int32Array.from(entries.slot as Int32Array);
    badSlot[0] = -1;
    const damaged = [
      { ...index, entries: [] },
      {
        ...index,
        entries: { ...entries, listLength: (entries.listLength as Int32Array).slice(1) },
      },
      { ...index, entries: { ...entries, flags: [...(entries.flags as Uint8Array)] } },
      { ...index, entries: { ...entries, stringEnds: shortEnds } },
      { ...index, entries: { ...entries, slot: badSlot } },
      { ...index, entries: { ...entries, chars: 1 } },
      { ...index, vocabulary: [] },
      { ...index, automaton: { ...automaton, fail: [] } },
      { ...index, automaton: { ...automaton, output: new Int32Array(1) } },
    ];
    for (const d of damaged)
      expect(storedTermIndex({ ...good, index: d }, expected)).toBeUndefined();
    expect(storedTermIndex(undefined, expected)).toBeUndefined();
  });

  it("an index that does not hold the pack's terms is ignored and the pack compiles whole", async () => {
    const first = await fresh();
    const wrong: TermIndex = { ...first.pack.terms, termCount: first.pack.terms.termCount + 1 };
    const again = await loadPack(mini(), {
      allowUnsigned: true,
      termIndexes: new Map([[first.digest, wrong]]),
    });
    if (!again.ok) throw new Error('should load');
    expect(again.pack.terms).not.toBe(wrong);
    expect(again.pack.terms.termCount).toBe(first.pack.terms.termCount);
  });
});
