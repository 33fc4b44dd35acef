import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '@/lib/shared/policy/regex-literals';
import { parseRegex } from '@/lib/shared/policy/regex-parse';
import { compileRegex, findAllRegex, searchRegex } from '@/lib/shared/policy/safe-regex';
import { STARTER_PACK_JSON } from '@/lib/shared/policy/starter-pack';

const codesOf = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

/** Small patterns over a small alphabet, so texts often contain their literals. */
const atom = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '1', ' ', '[ab]', '\\d', '.', '\\b'),
  fc.constantFrom('ab', 'ba', 'abc', 'c1'),
);
const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((xs) => `(?:${xs.join('|')})`),
    fc
      .tuple(tie('node'), fc.constantFrom('?', '*', '+', '{2}', '{0,2}'))
      .map(([x, q]) => `(?:${x})${q}`),
  ),
})).node as fc.Arbitrary<string>;
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', '1', '2', ' ', 'x'), { maxLength: 24 })
  .map((xs) => xs.join(''));

function compiled(source: string) {
  try {
    return compileRegex(source);
  } catch {
    return undefined; // refused patterns (empty-matching, say) have nothing to filter
  }
}

describe('literal prefilter', () => {
  it('never changes what a pattern finds', () => {
    fc.assert(
      fc.property(pattern, text, fc.nat(24), (source, t, from) => {
        const re = compiled(source);
        if (!re) return;
        const bare = { ...re, literals: undefined };
        const codes = codesOf(t);
        expect(findAllRegex(re, codes, codes.length)).toEqual(
          findAllRegex(bare, codes, codes.length),
        );
        const start = Math.min(from, codes.length);
        expect(searchRegex(re, codes, codes.length, start)).toEqual(
          searchRegex(bare, codes, codes.length, start),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('every match contains one of the required literals', () => {
    fc.assert(
      fc.property(pattern, text, (source, t) => {
        const re = compiled(source);
        if (!re?.literals) return;
        for (const [s, e] of findAllRegex({ ...re, literals: undefined }, codesOf(t), t.length)) {
          expect(re.literals.some((l) => t.slice(s, e).includes(l))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the literals of alternations and runs, and none where a part is optional', () => {
    expect(requiredLiterals(parseRegex('(?:mg|ml) per day'))).toEqual([' per day']);
    expect(requiredLiterals(parseRegex('\\d+ ?(?:mg|ml)'))).toEqual(['mg', 'ml']);
    expect(requiredLiterals(parseRegex('(?:ab)?\\d+'))).toBeUndefined();
    expect(requiredLiterals(parseRegex('a|\\d'))).toBeUndefined();
  });

  it('gives the starter pack patterns a prefilter where one exists', () => {
    const sources: string[] = [];
    JSON.stringify(STARTER_PACK_JSON, (k, v) => {
      if (k === 'pattern' && typeof v === 'string') sources.push(v);
      if (k === 'patterns' && Array.isArray(v))
        sources.push(...v.filter((p) => typeof p === 'string'));
      return v;
    });
    expect(sources.length).toBeGreaterThan(0);
    const filtered = sources.filter((s) => compileRegex(s).literals !== undefined);
    expect(filtered.length).toBeGreaterThan(0);
  });
});
