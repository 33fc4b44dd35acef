/**
 * Two evasion classes of issue 14, item 1: letters standing for digits at the EDGE of a
 * number ("O9l7 4S6 223l"), and currency signs standing for letters inside a word
 * ("k€tum"). Examples each way, properties over generated evasions, evidence offsets checked
 * against the original text, and the fold each match reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '@/lib/shared/policy/compile';
import { type FoldId, foldIdsOf, foldMaskOf } from '@/lib/shared/policy/fold-ids';
import { normalise, termKey } from '@/lib/shared/policy/normalise';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';
import { compileRegex, findAllRegex } from '@/lib/shared/policy/safe-regex';
import { findTerms } from '@/lib/shared/policy/term-index';

/** The starter pack's phone shapes (SG, MY, TH, VN, ID, PH) and the NRIC shape. */
const PHONE =
  '(?:\\+?65|\\b)[689]\\d{7}\\b|(?:\\+?60|\\b0)1\\d{8,9}\\b|(?:\\+?66|\\b0)[689]\\d{8}\\b|(?:\\+?84|\\b0)[35789]\\d{8}\\b|(?:\\+?62|\\b0)8\\d{8,11}\\b|(?:\\+?63|\\b0)9\\d{9}\\b';
const NRIC = '\\b[stfgm]\\d{7}[a-z]\\b';

function found(input: string, pattern: string): Array<{ text: string; folds: FoldId[] }> {
  const key = normalise(input).digits;
  return findAllRegex(compileRegex(pattern), key.codes, key.length).map(([s, e]) => ({
    text: input.slice(key.starts[s]!, key.ends[e - 1]!),
    folds: foldIdsOf(foldMaskOf(key.folds, s, e)),
  }));
}

describe('letters read as digits at the edge of a number', () => {
  it.each([
    ['call O9l7 4S6 223l for colours', 'O9l7 4S6 223l'], // PH, both edges
    ['whatsapp O8l2 345 67B pls', 'O8l2 345 67B'], // TH
    ['zalo O9l2.345.67S nha', 'O9l2.345.67S'], // VN
    ['wsap Ol2-3S4 678l k', 'Ol2-3S4 678l'], // MY, two letters at the start
    ['text 9l2S 4S6l faster', '9l2S 4S6l'], // SG, trailing l
    ['hubungi O812 345 678 ya', 'O812 345 678'], // opens with O: no other disguise needed
    ['sms O9I7-55S-2IO4 now', 'O9I7-55S-2IO4'],
    ['ทักไลน์ O8l-234-S67B ได้เลย', 'O8l-234-S67B'],
  ])('%s', (input, slice) => {
    const phones = found(input, PHONE);
    expect(phones.map((p) => p.text)).toEqual([slice]);
    expect(phones[0]!.folds).toContain('edge-digit-letters');
  });

  it.each([
    ['10L 20L 30L 40L backpacks', '10120130140l backpacks'], // inner L read as before; the edge stays,
    ['3 lbs', '3 lbs'],
    ['10L', '10l'],
    ['5S', '5s'],
    ['iPhone 15', 'iphone 15'],
    ['model B2 4567', 'model b24567'],
    ['S8812345D', 's8812345d'],
    ['0812 l 345 678', '0812 l 345678'], // a spaced-out letter is not an edge
    ['sizes 36 38 40 S', 'sizes 363840 s'],
    ['order 1234 5678 9l', 'order 123456789l'], // no other disguise
  ])('leaves %s as letters', (input, digits) => {
    expect(termKey(input).digits).toBe(digits);
  });

  it('keeps an NRIC or FIN whose check letter looks like a digit', () => {
    for (const nric of ['S9012345I', 'S8812345Z', 'S1234567B']) {
      expect(found(`My NRIC is ${nric} ok`, NRIC).map((m) => m.text)).toEqual([nric]);
      expect(found(`My NRIC is ${nric} ok`, PHONE)).toEqual([]);
    }
  });

  it('keeps a passport or document number that opens with a look-alike letter', () => {
    // One letter then digits only is how documents are numbered; only "O" opens a phone.
    for (const doc of ['B1234567', 'S12345678', 'I2345678', 'Z9876543']) {
      expect(found(`Passport no. ${doc} expired`, PHONE)).toEqual([]);
      expect(termKey(doc).digits).toBe(doc.toLowerCase());
    }
    expect(termKey('O812345678').digits).toBe('0812345678');
    expect(termKey('B12345B7').digits).toBe('81234587'); // a second look-alike: disguised
  });

  it('property: a phone number with look-alikes at its edges and inside still matches', () => {
    const LOOK: Record<string, string> = { '0': 'O', '1': 'l', '5': 'S', '8': 'B', '2': 'Z' };
    fc.assert(
      fc.property(
        fc.constantFrom('8', '9'),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.constantFrom(' ', '-', '.', ' - '),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        (second, rest, sep, inside, lastToo) => {
          // "0" + second + rest: a VN (03/05/07/08/09) or PH/TH style ten-digit number.
          const digits = ['0', second, ...rest.map(String)];
          const shown = digits.map((d, k) => {
            if (k === 0) return 'O';
            if (k === inside && LOOK[d]) return LOOK[d];
            if (k === digits.length - 1 && lastToo && LOOK[d]) return LOOK[d];
            return d;
          });
          const input = `${shown.slice(0, 5).join('')}${sep}${shown.slice(5).join('')}`;
          const phones = found(`goi ${input} nhe`, PHONE);
          expect(phones.map((p) => p.text)).toEqual([input]);
          expect(phones[0]!.folds).toContain('edge-digit-letters');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: sizes and units beside numbers stay letters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('L', 'l', 'S', 'lbs', 'B', 'oz', 'Z'),
        (sizes, unit) => {
          const input = sizes.map((s) => `${s}${unit}`).join(' ');
          const key = normalise(input).digits;
          const last = key.codes[key.length - 1]!;
          expect(String.fromCharCode(last)).toMatch(/[a-z]/);
          expect(foldIdsOf(foldMaskOf(key.folds, 0, key.length))).not.toContain(
            'edge-digit-letters',
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

const TERMS = ['ketum', 'replica', 'cocaine', 'daily profit', 'sabu', 'free credit'];
const spec: PackSpec = {
  id: 'symbols',
  version: '1.0.0',
  policies: [
    {
      id: 'p',
      title: 'P',
      description: 'd',
      guidance: 'g',
      severity: 'low',
      markets: ['MY'],
      rules: [
        {
          id: 'terms',
          kind: 'terms',
          terms: TERMS,
          examples: { mustMatch: ['ketum'], mustNotMatch: ['ketua'] },
        },
      ],
    },
  ],
};
const compiled = compilePack(spec);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const index = compiled.pack.terms;

function matches(input: string): Array<{ text: string; folds: FoldId[] }> {
  const n = normalise(input);
  return findTerms(index, n).map((h) => ({
    text: input.slice(n.text.starts[h.start]!, n.text.ends[h.end - 1]!),
    folds: foldIdsOf(h.folds),
  }));
}

describe('currency signs read as letters inside a word', () => {
  it.each([
    ['air k€tum ready', 'k€tum', 'symbol-letters'],
    ['r€plica bag', 'r€plica', 'symbol-letters'],
    ['co¢aine for the weekend', 'co¢aine', 'symbol-letters'],
    ['guaranteed dai£y profit', 'dai£y profit', 'symbol-letters'],
    ['fr€e credit for new member', 'fr€e credit', 'symbol-letters'],
    ['hàng r€plica giá tốt', 'r€plica', 'symbol-letters'],
    ['#k€tumsegar', 'k€tum', 'symbol-letters'],
    ['$abu ready', '$abu', 'leet'],
    ['c0c@ine', 'c0c@ine', 'leet'],
  ] as const)('%s', (input, slice, fold) => {
    const hits = matches(input);
    expect(hits.map((m) => m.text)).toEqual([slice]);
    expect(hits[0]!.folds).toContain(fold);
  });

  it('keeps prices, handles and spaced signs as typed', () => {
    expect(termKey('€5').digits).toBe('€5');
    expect(termKey('50€').digits).toBe('50€');
    expect(termKey('RM50 € only').digits).toBe('rm50 € only');
    expect(termKey('£25 kettle').digits).toBe('£25 kettle');
    expect(termKey('giá 50€ nhé').digits).toBe('giá 50€ nhé');
    expect(termKey('ราคา €20 ส่งฟรี').digits).toBe('ราคา €20 ส่งฟรี');
    expect(termKey('@shop').digits).toBe('@shop');
    expect(termKey('k€tum').digits).toBe('ketum');
    expect(termKey('k€tum').text).toBe('ketum');
    // Two signs in a row are not a letter.
    expect(termKey('k€€tum').digits).toBe('k€€tum');
    expect(matches('ketua €10 donation')).toEqual([]);
  });

  it('property: any one letter e, l or c of a term typed as its currency sign still matches', () => {
    const SIGN: Record<string, string> = { e: '€', l: '£', c: '¢' };
    fc.assert(
      fc.property(
        fc.constantFrom('ketum', 'replica', 'cocaine', 'daily profit', 'free credit'),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.constantFrom('', 'buy ', 'ada '),
        (term, swap, before) => {
          const chars = [...term];
          const shown = chars
            .map((c, k) => {
              const inside = k > 0 && k < chars.length - 1;
              const lettersBeside =
                /[a-z]/.test(chars[k - 1] ?? '') && /[a-z]/.test(chars[k + 1] ?? '');
              const previousSwapped = k > 0 && swap[k - 1] && SIGN[chars[k - 1]!];
              return swap[k] && SIGN[c] && inside && lettersBeside && !previousSwapped
                ? SIGN[c]
                : c;
            })
            .join('');
          const input = `${before}${shown} now`;
          const hits = matches(input);
          expect(hits.map((m) => m.text)).toEqual([shown]);
          const start = input.indexOf(shown);
          expect(input.slice(start, start + shown.length)).toBe(shown);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('digits standing for letters inside a word, on the digit key', () => {
  /** A whitening claim over a time span, as the starter pack's health patterns read it. */
  const CLAIM = '(?:pemutih|whitening)[^\\n]{0,30}?\\d+\\s?(?:hari|days?)';

  it.each([
    ['Krim P3mutih Mu4 7 H4ri', 'P3mutih Mu4 7 H4ri'],
    ['wh1t3ning in 7 d4ys', 'wh1t3ning in 7 d4ys'],
  ])('%s reads as the words it spells', (input, slice) => {
    const claims = found(input, CLAIM);
    expect(claims.map((c) => c.text)).toEqual([slice]);
    expect(claims[0]!.folds).toContain('leet');
  });

  it.each([
    ['P3mutih H4ri C3rah Dij4min s3l4m4t', 'pemutih hari cerah dijamin selamat'],
    ['pay RM5O fee', 'pay rm50 fee'], // a price: its look-alikes read as digits
    ['Rp5O.000 P500 php2OO', 'rp50000 p500 php200'],
    ['dapat RM5k seminggu, Rp5jt php2k s5k', 'dapat rm5k seminggu, rp5jt php2k s5k'], // amounts
    ['mp3 ps5 iphone15 h2o covid19', 'mp3 ps5 iphone15 h2o covid19'], // digits at an edge
    ['S9012345I A1B2C3 4x4 2k24', 's9012345i a182c34x42k24'], // as many digits as letters
  ])('%s', (input, digits) => {
    expect(termKey(input).digits).toBe(digits);
  });

  it('property: a phone number stays a phone number beside leet words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        (rest) => {
          const phone = `09${rest.join('')}`;
          expect(termKey(`h4ri ini ${phone} c3rah`).digits).toBe(`hari ini ${phone} cerah`);
        },
      ),
    );
  });
});
