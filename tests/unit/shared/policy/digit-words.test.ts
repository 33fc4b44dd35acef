/**
 * Digit words typed without their marks (Vietnamese "khong chin tam", colloquial "tu" for
 * four and "lam" for five; Malay "sifar"; Filipino "syete", "kuwatro", "sinko") join into a
 * phone number inside a run of phone length, and stay words everywhere else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latinDigitWord } from '@/lib/shared/policy/digit-words';
import { normalise, termKey } from '@/lib/shared/policy/normalise';
import { compileRegex, findAllRegex } from '@/lib/shared/policy/safe-regex';

const PHONE = '\\b0\\d{9,10}\\b';

/** The phone numbers the digit key shows, as the digits it reads. */
function phoneDigits(input: string): string[] {
  const key = normalise(input).digits;
  const text = String.fromCharCode(...key.codes.subarray(0, key.length));
  return findAllRegex(compileRegex(PHONE), key.codes, key.length).map(([s, e]) => text.slice(s, e));
}

/** Every spelling of each Vietnamese digit, with and without its diacritics. */
const VI: ReadonlyArray<readonly string[]> = [
  ['không', 'khong', 'linh', 'le'],
  ['một', 'mot', 'mốt'],
  ['hai'],
  ['ba'],
  ['bốn', 'bon', 'tư', 'tu'],
  ['năm', 'nam', 'lăm', 'lam'],
  ['sáu', 'sau'],
  ['bảy', 'bay', 'bẩy'],
  ['tám', 'tam'],
  ['chín', 'chin'],
];

describe('digit words without their marks', () => {
  it.each([
    ['Lien he em: khong chin tam, bay bay sau, ba ba lam, khong', '0987763350'],
    ['sdt 0 chin tam bay bay sau ba ba lam khong', '0987763350'],
    ['goi minh nhe khong chin mot hai tu lam sau bay tam chin', '0912456789'],
    ['zalo: khong ba tam, mot tu hai, lam lam sau chin', '0381425569'],
    ['không chín mốt hai tư lăm sáu bẩy tám chín', '0912456789'],
    ['whatsapp sifar satu dua tiga empat lima enam tujuh lapan sembilan', '0123456789'],
    ['text mo ko: sero nuwebe isa syete dalawa tatlo kuwatro sinko anim walo', '0917234568'],
  ])('%s', (input, digits) => {
    expect(phoneDigits(input)).toEqual([digits]);
  });

  it('knows the colloquial and unmarked forms', () => {
    expect(latinDigitWord('tu')).toBe(4);
    expect(latinDigitWord('lam')).toBe(5);
    expect(latinDigitWord('mốt')).toBe(1);
    expect(latinDigitWord('sifar')).toBe(0);
    expect(latinDigitWord('syete')).toBe(7);
  });

  it('leaves everyday Vietnamese without diacritics as words', () => {
    for (const text of [
      'hai ba nam truoc toi o ha noi, sau do lam viec o sai gon',
      'ao thun nam size l, tu lam thu cong, ba mau',
      'ba me mua cho hai dua, bay ve da nang sau tam ngay',
      'lam on tu van giup em, ba bon ngay nua moi co hang',
      'mot hai ba bon nam sau, con lai de sau',
    ]) {
      expect(termKey(text).digits).toBe(text);
    }
  });

  it('property: a run of unmarked number words shorter than a phone number stays words', () => {
    const words = VI.flat();
    const other = ['viec', 'nha', 'do', 'ngay', 'hang', 'ao', 'thu', 'cong', 'mau', 've'];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 6 }),
            fc.constantFrom(...other),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom(' ', ', ', ' - '),
        (chunks, sep) => {
          const text = chunks.map(([run, word]) => [...run, word].join(sep)).join(sep);
          expect(termKey(text).digits).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: ten digits spelled in any Vietnamese form read as the number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.constantFrom(' ', ', ', ' - ', '. '), { minLength: 10, maxLength: 10 }),
        (rest, picks, seps) => {
          const digits = [0, ...rest];
          const spelled = digits
            .map((d, k) => {
              const forms = VI[d]!;
              return (k === 0 ? '' : seps[k]!) + forms[picks[k]! % forms.length]!;
            })
            .join('');
          expect(phoneDigits(`goi ${spelled} nhe`)).toEqual([digits.join('')]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
