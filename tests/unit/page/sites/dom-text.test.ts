/** Hashtags read by hand where the text allows, by the Unicode expression elsewhere. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashtagsInText } from '@/lib/page/sites/dom-text';

/** The definition: '#' and a run of letters, marks, digits and '_' in any script. */
const byDefinition = (text: string) => [
  ...new Set([...text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)].map((m) => m[1] as string)),
];

describe('hashtagsInText', () => {
  it('reads tags in ASCII and in other scripts, each once, in order', () => {
    expect(hashtagsInText('Budget earbuds #bench #rain_test #bench ##x #1 # end#')).toEqual([
      'bench',
      'rain_test',
      'x',
      '1',
    ]);
    expect(hashtagsInText('kasut #lari, #jualan')).toEqual(['lari', 'jualan']);
    expect(hashtagsInText('So sánh #điệnthoại #tầm_trung #ok')).toEqual([
      'điệnthoại',
      'tầm_trung',
      'ok',
    ]);
    expect(hashtagsInText('#ข้าวมันไก่ #café #日本 #x😀y')).toEqual(['ข้าวมันไก่', 'café', '日本', 'x']);
    expect(hashtagsInText('no tags here')).toEqual([]);
    expect(hashtagsInText('')).toEqual([]);
  });

  it('finds what the Unicode expression finds, on any text', () => {
    const pieces = fc.constantFrom(
      '#',
      '#',
      ' ',
      '_',
      'a',
      'Z',
      '9',
      '-',
      'é',
      'ß',
      '日',
      'ั',
      '٣',
      '😀',
      '\u0301',
      '.',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(hashtagsInText(text)).toEqual(byDefinition(text));
      }),
      { numRuns: 2000 },
    );
  });
});
