/**
 * Cyrillic letters written for the Latin letters they sound like, in a word that mixes the
 * two scripts (issue 14): "rеплика", "рерlіса". Examples each way, a property over generated
 * disguises, evidence offsets checked against the original text, and the fold named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';

const TERMS = [
  'replica',
  'replika',
  'whatsapp',
  'dm to order',
  'visa',
  'super fake',
  'telegram',
  'cryptocurrency',
];

const spec: PackSpec = {
  id: 'sound-letters',
  version: '1.0.0',
  policies: [
    {
      id: 'p',
      title: 'Policy',
      description: 'A test policy.',
      severity: 'high',
      guidance: 'None.',
      rules: [
        {
          id: 'r',
          kind: 'terms',
          terms: TERMS,
          examples: { mustMatch: ['replica'], mustNotMatch: ['original'] },
        },
      ],
    },
  ],
} as unknown as PackSpec;
const compiled = compilePack(spec);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const pack = compiled.pack;

/** Evidence texts (checked to be slices of the input) and the finding's folds. */
function found(input: string): { texts: string[]; folds: readonly string[] } {
  const findings = evaluate(pack, { fields: { description: input } });
  const texts: string[] = [];
  for (const f of findings) {
    for (const e of f.evidence) {
      expect(input.slice(e.start, e.end)).toBe(e.text);
      texts.push(e.text);
    }
  }
  return { texts, folds: findings[0]?.folds ?? [] };
}

describe('Cyrillic letters read by sound in a mixed word', () => {
  it.each([
    ['Rеплика bags, best price', 'Rеплика'], // п, л, и, к by sound
    ['рерlіса bag', 'рерlіса'], // the first р by sound (r), the second by shape (p)
    ['new рерlіса!', 'рерlіса'],
    ['dm tо оrдер', 'dm tо оrдер'], // a term of several words
    ['chat wхатсапп now', 'wхатсапп'],
    ['суper fаkе watches', 'суper fаkе'], // у by sound (u), р by shape (p)
    ['tелеграм only', 'tелеграм'],
    ['rепльика', 'rепльика'], // a soft sign dropped
  ])('%s', (input, slice) => {
    const { texts, folds } = found(input);
    expect(texts).toEqual([slice]);
    expect(folds).toContain('sound-letters');
  });

  it.each([
    'реплика', // Russian: all Cyrillic
    'Виза в Таиланд', // Russian "visa"
    'ВИЗА',
    'Телеграм канал',
    'Продам iPhone в наличии', // Russian with a Latin brand beside it
    'iPhone-у нужен чехол', // a Latin word with a Russian ending
    'рерlаy',
  ])('leaves %s alone', (input) => {
    expect(found(input).texts).toEqual([]);
  });

  it('does not read a word by sound when its shape already matched', () => {
    // "wһаtsаpp": look-alikes by shape only; the finding does not name sound-letters.
    const { texts, folds } = found('wһаtsаpp me');
    expect(texts).toEqual(['wһаtsаpp']);
    expect(folds).not.toContain('sound-letters');
  });

  it('tries every reading of up to four letters that read two ways, then only two', () => {
    // с (c), р (r), у (y), р (p): four letters read two ways, each its own way.
    expect(found('срурtоcurrency scam').texts).toEqual(['срурtоcurrency']);
    // A fifth (с for c): only the all-sound and all-shape readings are tried (the bound).
    expect(found('срурtосurrency scam').texts).toEqual([]);
    expect(found('сrурtосurrеnсу scam').texts).toEqual(['сrурtосurrеnсу']); // by shape alone
  });

  it('property: a term written with Cyrillic letters by shape or by sound still matches', () => {
    // Latin letter -> Cyrillic letters standing for it: by shape (first) and by sound.
    const SHAPE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х' };
    const SOUND: Record<string, string> = {
      r: 'р',
      l: 'л',
      i: 'и',
      d: 'д',
      g: 'г',
      k: 'к',
      p: 'п',
      t: 'т',
      m: 'м',
      s: 'с',
      h: 'х',
      n: 'н',
      u: 'у',
      v: 'в',
    };
    /** Letters whose Cyrillic form reads two ways (р: p or r, с: c or s...). */
    const TWO_WAYS = new Set(['р', 'с', 'у', 'н', 'в', 'г', 'х']);
    const ONE_WORD = ['replica', 'replika', 'whatsapp', 'telegram', 'visa'];
    fc.assert(
      fc.property(
        fc.constantFrom(...ONE_WORD),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
        (term, choice) => {
          const letters = [...term].map((c, k) => {
            if (choice[k] === 1 && SHAPE[c]) return SHAPE[c];
            if (choice[k] === 2 && SOUND[c]) return SOUND[c];
            return c;
          });
          const word = letters.join('');
          const cyrillic = letters.filter((c) => /[\u0400-\u04ff]/.test(c));
          fc.pre(cyrillic.length > 0 && cyrillic.length < letters.length);
          fc.pre(cyrillic.filter((c) => TWO_WAYS.has(c)).length <= 4);
          const input = `best ${word} here`;
          expect(found(input).texts).toEqual([word]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
