import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '@/lib/shared/policy/compile';
import { evaluate } from '@/lib/shared/policy/evaluate';
import { normalise, termKey } from '@/lib/shared/policy/normalise';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';
import { propertyRuns } from '../../property-runs';

describe('matching key', () => {
  it.each([
    ['R3PL1CA', 'repiica'],
    ['ｒｅｐｌｉｃａ', 'repiica'],
    ['rep\u200Bli\u200Dca', 'repiica'],
    ['rерlіса', 'repiica'], // Cyrillic е, і, с, а
    ['𝐫𝐞𝐩𝐥𝐢𝐜𝐚', 'repiica'],
    ['ⓡⓔⓟⓛⓘⓒⓐ', 'repiica'],
    ['$@LE', 'saie'],
  ])('folds %s to the text key %s', (input, key) => {
    expect(termKey(input).text).toBe(key);
  });

  it('joins spaced-out and exotic digits on the digit key', () => {
    expect(termKey('0 8 1-2 3 4').digits).toBe('081234');
    expect(termKey('๐๘๑ ๒๓๔').digits).toBe('081234');
    expect(termKey('①②③').digits).toBe('123');
    expect(termKey('1\uFE0F\u20E3 2\uFE0F\u20E3').digits).toBe('12');
    expect(termKey('０８１２').digits).toBe('0812');
    expect(termKey('❶➋').digits).toBe('12');
    expect(termKey('call me 08').digits).toBe('call me 08');
  });

  it('keeps Vietnamese diacritics on the text key and drops them on the fold key', () => {
    const composed = termKey('Hàng nhái');
    const decomposed = termKey('Ha\u0300ng nha\u0301i');
    expect(composed.text).toBe('hàng nhái');
    expect(decomposed.text).toBe('hàng nhái');
    expect(composed.fold).toBe('hang nhai');
    expect(termKey('Đồng').fold).toBe('dong');
  });

  it('keeps Thai as it is, marks included', () => {
    expect(termKey('ของปลอม').text).toBe('ของปลอม');
    expect(termKey('ก\u200Bา').text).toBe('กา');
  });

  it('maps every key unit back to the original range it came from', () => {
    const n = normalise('A\u200Bｂ①');
    expect(n.text.length).toBe(3);
    expect([...n.text.starts.subarray(0, 3)]).toEqual([0, 2, 3]);
    expect([...n.text.ends.subarray(0, 3)]).toEqual([1, 3, 4]);
  });
});

const TERMS = ['replica', 'copy', 'hàng nhái', 'ของปลอม', 'dm', 'lóc', 'sale', 'ad'];
const termPack: PackSpec = {
  id: 'prop',
  version: '1.0.0',
  policies: [
    {
      id: 'p',
      title: 'P',
      description: 'd',
      guidance: 'g',
      severity: 'low',
      markets: ['VN'],
      rules: [
        {
          id: 'terms',
          kind: 'terms',
          terms: TERMS,
          wholeWord: false,
          examples: { mustMatch: ['replica'], mustNotMatch: ['x'] },
        },
        {
          id: 'digits',
          kind: 'pattern',
          pattern: '\\d{4,}',
          examples: { mustMatch: ['1234'], mustNotMatch: ['x'] },
        },
      ],
    },
  ],
};

const EVASIONS: Array<(s: string) => string> = [
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.replace(/e/g, '3').replace(/a/g, '@').replace(/i/g, '1'),
  (s) => [...s].join('\u200B'),
  (s) => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  (s) => s.replace(/e/g, 'е').replace(/c/g, 'с').replace(/o/g, 'о'), // Cyrillic
  (s) => s.normalize('NFD'),
];
const FILLER = [
  ...'abcdeilorst xyz 0134578@$ ',
  ...'ของปลอมก่้',
  ...'àáảãạăâđêôơư',
  '\u0301',
  '\u0300',
  '\u200B',
  '\u200D',
  '\uFEFF',
  'ｒ',
  'е',
  '①',
  ' - ',
  '9',
];

const pieceArb = fc.oneof(
  fc.constantFrom(...FILLER),
  fc
    .tuple(fc.constantFrom(...TERMS), fc.integer({ min: 0, max: EVASIONS.length - 1 }))
    .map(([t, k]) => EVASIONS[k]!(t)),
  fc
    .array(fc.constantFrom(...'0123456789 -'), { minLength: 4, maxLength: 12 })
    .map((d) => d.join('')),
);

describe('evidence offsets (property)', () => {
  const compiled = compilePack(termPack);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const termFolds = new Set(TERMS.map((t) => termKey(t).fold));

  it('every finding slice of the original normalises to what matched', () => {
    fc.assert(
      fc.property(
        fc.array(pieceArb, { maxLength: 30 }).map((p) => p.join('')),
        (text) => {
          for (const finding of evaluate(compiled.pack, { fields: { title: text } })) {
            for (const e of finding.evidence) {
              expect(e.text).toBe(text.slice(e.start, e.end));
              const key = termKey(e.text);
              if (finding.ruleId === 'terms') expect(termFolds.has(key.fold)).toBe(true);
              else expect(key.digits).toMatch(/^\d{4,}$/);
            }
          }
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('finds planted terms whatever the evasion', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TERMS),
        fc.integer({ min: 0, max: EVASIONS.length - 1 }),
        (term, k) => {
          const text = `xx ${EVASIONS[k]!(term)} yy`;
          const found = evaluate(compiled.pack, { fields: { title: text } });
          expect(found.some((f) => f.ruleId === 'terms')).toBe(true);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
