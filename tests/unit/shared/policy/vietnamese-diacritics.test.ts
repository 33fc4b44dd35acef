/**
 * Vietnamese diacritics by the term's language (issue 14, item 1, last bullet): Vietnamese
 * typed without diacritics matches terms written with them, while a text that does use
 * diacritics must match them exactly, whether the term has marks ("chưa" is not "chữa") or
 * not ("ngủ", sleep, is not "ngu", stupid). Terms of other languages keep folding accents,
 * except letters only Vietnamese writes ("mơ" is not Filipino "mo"). Evidence offsets
 * always point at the original text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPack } from '@/lib/shared/policy';
import { compilePack } from '@/lib/shared/policy/compile';
import { type FoldId, foldIdsOf } from '@/lib/shared/policy/fold-ids';
import { normalise } from '@/lib/shared/policy/normalise';
import type { PackSpec, TermSpec } from '@/lib/shared/policy/pack-schema';
import { findTerms } from '@/lib/shared/policy/term-index';
import { propertyRuns } from '../../property-runs';

/** One rule per term, so a match tells which term it was. */
const TERMS: Record<string, TermSpec> = {
  chua: 'chữa khỏi', // Vietnamese by its marks
  ngu: { term: 'ngu', language: 'vi' }, // Vietnamese, written without marks by nature
  mua: { term: 'mua', language: 'vi' },
  mo: { term: 'mo', language: 'fil' }, // Filipino "your"
  replica: 'replica', // no language, no marks: not Vietnamese
  cafe: { term: 'café', language: 'en' }, // marks, but not Vietnamese
};

const spec: PackSpec = {
  id: 'vi-diacritics',
  version: '1.0.0',
  contexts: {
    buy: {
      terms: { vi: ['mua'], en: ['buy'] },
      examples: { mustMatch: ['mua ngay'], mustNotMatch: ['mùa hè'] },
    },
  },
  policies: [
    {
      id: 'p',
      title: 'P',
      description: 'd',
      guidance: 'g',
      severity: 'low',
      rules: [
        ...Object.entries(TERMS).map(([id, term]) => ({
          id,
          kind: 'terms' as const,
          terms: [term],
          examples: { mustMatch: ['x'], mustNotMatch: ['y'] },
        })),
        {
          id: 'cheap-with-buy',
          kind: 'terms' as const,
          terms: ['cheap'],
          requires: { context: 'buy', within: 'field' as const },
          examples: { mustMatch: ['x'], mustNotMatch: ['y'] },
        },
      ],
    },
  ],
};
const compiled = compilePack(spec);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const index = compiled.pack.terms;
const ruleOfSlot = new Map<number, string>();
for (const rule of compiled.pack.policies[0]!.rules) {
  if (rule.matcher.kind === 'terms') ruleOfSlot.set(rule.matcher.slot, rule.id);
}
const BUY_SLOT = compiled.pack.contexts.get('buy')?.slot;

interface Match {
  rule: string;
  text: string;
  start: number;
  end: number;
  folds: FoldId[];
}

/** Rule-term matches in the original text (context slots left out), with their folds. */
function matches(input: string): Match[] {
  const n = normalise(input);
  return findTerms(index, n).flatMap((h) => {
    const rule = ruleOfSlot.get(h.slot);
    if (rule === undefined) return [];
    const start = n.text.starts[h.start]!;
    const end = n.text.ends[h.end - 1]!;
    return [{ rule, text: input.slice(start, end), start, end, folds: foldIdsOf(h.folds) }];
  });
}
const rules = (input: string) => matches(input).map((m) => m.rule);

describe('Vietnamese terms: exact letters where the text carries diacritics', () => {
  it('chưa is not chữa; chữa is', () => {
    expect(rules('thuốc này chưa khỏi bệnh')).toEqual([]);
    const found = matches('thuốc này chữa khỏi bệnh');
    expect(found.map((m) => [m.rule, m.text, m.folds])).toEqual([['chua', 'chữa khỏi', []]]);
  });

  it('plain "chua khoi" still matches "chữa khỏi", says so, and points at the original', () => {
    const input = 'thuoc nay CHUA  KHOI benh';
    const found = matches(input);
    expect(found.map((m) => m.rule)).toEqual(['chua']);
    expect(found[0]!.text).toBe('CHUA  KHOI');
    expect(input.slice(found[0]!.start, found[0]!.end)).toBe('CHUA  KHOI');
    expect(found[0]!.folds).toContain('no-diacritics');
  });

  it('ngủ (sleep) is not ngu (stupid), in any tone; ngu is, typed either way', () => {
    for (const word of ['ngủ', 'ngũ', 'ngụ', 'ngù', 'ngú']) {
      expect(rules(`mày ${word} chưa`)).toEqual([]);
    }
    expect(rules('mày ngu quá')).toEqual(['ngu']);
    expect(rules('may ngu qua')).toEqual(['ngu']);
    // A plain term has no diacritics the text could have left out.
    expect(matches('may ngu qua')[0]!.folds).not.toContain('no-diacritics');
    // An insult and a bedtime in one message: the insult still counts.
    expect(rules('mày ngu quá, đi ngủ đi')).toEqual(['ngu']);
  });

  it('mùa (season) and múa (dance) are not mua (buy), in rule and context lists alike', () => {
    expect(rules('mùa hè này')).toEqual([]);
    expect(rules('múa lân')).toEqual([]);
    expect(rules('mua ngay hôm nay')).toEqual(['mua']);
    const slots = (input: string) => findTerms(index, normalise(input)).map((h) => h.slot);
    expect(BUY_SLOT).toBeTypeOf('number');
    expect(slots('mua ngay')).toContain(BUY_SLOT);
    expect(slots('mùa hè đẹp')).not.toContain(BUY_SLOT);
  });

  it('words typed partly with marks: a marked word must carry exactly the term’s marks', () => {
    // The tone without the horn, or the horn without the tone, is another spelling.
    expect(rules('thuốc chũa khỏi')).toEqual([]);
    expect(rules('thuốc chưa khỏi')).toEqual([]);
    // A writer who types marks on the words around is read as meaning a plain word plainly.
    expect(rules('thuốc chữa khoi')).toEqual([]);
    // A digit or a look-alike of another script standing for a letter carries no marks to
    // compare; the letters typed in Latin still do.
    expect(rules('thuốc chữ4 khỏi')).toEqual(['chua']);
    const found = matches('thuốc chữa khоi bệnh'); // Cyrillic о for ỏ
    expect(found.map((m) => [m.rule, m.text])).toEqual([['chua', 'chữa khоi']]);
    expect(found[0]!.folds).toContain('look-alike');
    expect(rules('thuốc chưa khоi bệnh')).toEqual([]);
  });
});

describe('terms of other languages fold accents, not Vietnamese letters', () => {
  it('mơ (dream) is not Filipino mo; mo is', () => {
    expect(rules('giấc mơ đẹp')).toEqual([]);
    expect(rules('mơ')).toEqual([]);
    expect(rules('ano ba mo')).toEqual(['mo']);
  });

  it('an accent shared with other languages folds ("rèplica", "cafe")', () => {
    const found = matches('buy rèplica bags');
    expect(found.map((m) => [m.rule, m.text])).toEqual([['replica', 'rèplica']]);
    expect(rules('cafe sua da')).toEqual(['cafe']);
    expect(rules('café')).toEqual(['cafe']);
  });

  it('a letter only Vietnamese writes is refused ("rẹplica" reads as Vietnamese)', () => {
    expect(rules('rẹplica')).toEqual([]);
    expect(rules('replică')).toEqual([]);
  });
});

describe('the term language in the pack', () => {
  const pack = (term: unknown) => ({
    id: 'lang',
    version: '1.0.0',
    policies: [
      {
        id: 'p',
        title: 'P',
        description: 'd',
        guidance: 'g',
        severity: 'low',
        rules: [
          {
            id: 'r',
            kind: 'terms',
            terms: ['ok', term],
            examples: { mustMatch: ['ok'], mustNotMatch: ['no'] },
          },
        ],
      },
    ],
  });

  it('refuses an unknown language, naming its JSON path', async () => {
    const result = await loadPack(pack({ term: 'ngu', language: 'vn' }), { allowUnsigned: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).join(' ')).toContain('policies[0].rules[0].terms[1]');
  });

  it('accepts each of the six', async () => {
    for (const language of ['en', 'th', 'vi', 'id', 'ms', 'fil']) {
      const result = await loadPack(pack({ term: 'ngu', language }), { allowUnsigned: true });
      expect(result.ok).toBe(true);
    }
  });
});

/** Vietnamese vowels by base letter: every letter a base may carry (modifier, tone). */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const MODIFIERS: Record<string, string[]> = {
  a: ['', '\u0302', '\u0306'],
  e: ['', '\u0302'],
  o: ['', '\u0302', '\u031B'],
  u: ['', '\u031B'],
  i: [''],
  y: [''],
};
const VARIANTS: Record<string, string[]> = Object.fromEntries(
  Object.entries(MODIFIERS).map(([base, mods]) => [
    base,
    mods.flatMap((m) => TONES.map((t) => `${base}${m}${t}`.normalize('NFC'))),
  ]),
);
const baseOf = (c: string) => c.normalize('NFD')[0]!;
const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');

/** Marked Vietnamese words around the match, so the text reads as typed with diacritics. */
const MARKED_CONTEXT = fc.constantFrom('thuốc này', 'sản phẩm', 'mày đó', 'hôm nay');
const VI_TERMS = ['chữa khỏi', 'ngu', 'mua'];
const RULE_OF: Record<string, string> = { 'chữa khỏi': 'chua', ngu: 'ngu', mua: 'mua' };

describe('properties', () => {
  it('changing any vowel’s marks of a Vietnamese term, in a marked text, never matches', () => {
    const mutation = fc
      .constantFrom(...VI_TERMS)
      .chain((term) => {
        const vowels = [...term].flatMap((c, k) => (baseOf(c) in VARIANTS ? [k] : []));
        return fc.tuple(fc.constant(term), fc.constantFrom(...vowels));
      })
      .chain(([term, k]) => {
        const chars = [...term];
        const others = VARIANTS[baseOf(chars[k]!)]!.filter((v) => v !== chars[k]);
        return fc.constantFrom(...others).map((v) => {
          chars[k] = v;
          return [term, chars.join('')] as const;
        });
      });
    fc.assert(
      fc.property(mutation, MARKED_CONTEXT, ([term, changed], before) => {
        const found = rules(`${before} ${changed} lắm`);
        expect(found).not.toContain(RULE_OF[term]);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('a Vietnamese term typed with no marks in a plain text always matches, at its offsets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VI_TERMS),
        fc.constantFrom('thuoc nay', 'san pham', 'may do', ''),
        fc.boolean(),
        (term, before, upper) => {
          const word = upper ? strip(term).toUpperCase() : strip(term);
          const input = `${before} ${word} lam`;
          const found = matches(input).filter((m) => m.rule === RULE_OF[term]);
          expect(found.map((m) => m.text)).toEqual([word]);
          expect(input.slice(found[0]!.start, found[0]!.end)).toBe(word);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('a Vietnamese term written exactly matches in any text, at its offsets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VI_TERMS),
        MARKED_CONTEXT,
        fc.boolean(),
        (term, before, up) => {
          const word = up ? term.toUpperCase() : term;
          const input = `${before} ${word} nhé`;
          const found = matches(input).filter((m) => m.rule === RULE_OF[term]);
          expect(found.map((m) => m.text)).toEqual([word]);
          expect(input.slice(found[0]!.start, found[0]!.end)).toBe(word);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('other languages: a shared accent on any letter folds, a Vietnamese-only letter does not', () => {
    const SHARED: Record<string, string[]> = {
      a: ['à', 'á', 'â', 'ã'],
      e: ['è', 'é', 'ê'],
      i: ['ì', 'í'],
      o: ['ò', 'ó', 'ô', 'õ'],
    };
    const ONLY: Record<string, string[]> = {
      a: ['ă', 'ả', 'ạ', 'ấ'],
      e: ['ẻ', 'ẹ', 'ẽ', 'ế'],
      i: ['ỉ', 'ị', 'ĩ'],
      o: ['ơ', 'ỏ', 'ọ', 'ộ'],
    };
    const accented = (table: Record<string, string[]>) =>
      fc.constantFrom('replica', 'mo').chain((term) => {
        const ks = [...term].flatMap((c, k) => (c in table ? [k] : []));
        return fc.tuple(fc.constant(term), fc.constantFrom(...ks)).chain(([t, k]) =>
          fc.constantFrom(...table[t[k]!]!).map((v) => {
            const chars = [...t];
            chars[k] = v;
            return [t, chars.join('')] as const;
          }),
        );
      });
    fc.assert(
      fc.property(accented(SHARED), ([term, word]) => {
        const found = matches(`sale ${word} now`);
        expect(found.map((m) => [m.rule, m.text])).toEqual([[term, word]]);
      }),
      { numRuns: propertyRuns(100) },
    );
    fc.assert(
      fc.property(accented(ONLY), ([, word]) => {
        expect(rules(`sale ${word} now`)).toEqual([]);
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
