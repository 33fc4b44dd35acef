import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, scan } from '@/lib/shared/policy/aho-corasick';
import { propertyRuns } from '../../property-runs';

const units = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${id}@${i}`);
  });
  return out.sort();
}

function viaAutomaton(patterns: string[], text: string): string[] {
  const unique = [...new Set(patterns)];
  const a = buildAutomaton(unique);
  const out: string[] = [];
  scan(a, units(text), text.length, (id, start, end) => {
    expect(text.slice(start, end)).toBe(unique[id]);
    out.push(`${patterns.indexOf(unique[id]!)}@${start}`);
  });
  return out.sort();
}

describe('Aho-Corasick', () => {
  it('finds overlapping and nested patterns', () => {
    expect(viaAutomaton(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['0@2', '1@1', '3@2']);
    expect(viaAutomaton(['ของ', 'ของปลอม', 'ปลอม'], 'ขายของปลอม')).toEqual(['0@3', '1@3', '2@6']);
  });

  it('agrees with a naive search (property)', () => {
    const alphabet = fc.constantFrom(...'abcaá ก');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        (patterns, text) => {
          expect(viaAutomaton(patterns, text)).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
  });
});
