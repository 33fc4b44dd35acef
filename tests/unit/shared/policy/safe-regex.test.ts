import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex, findAllRegex } from '@/lib/shared/policy/safe-regex';
import { propertyRuns } from '../../property-runs';

const units = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));
const matches = (pattern: string, text: string) =>
  findAllRegex(compileRegex(pattern), units(text), text.length).map(([a, b]) => text.slice(a, b));

describe('safe patterns (Pike VM)', () => {
  it('matches like JavaScript on ordinary patterns', () => {
    expect(matches('\\b0[689]\\d{8}\\b', 'call 0812345678 or 08123456789')).toEqual(['0812345678']);
    expect(matches('(?:\\+?65)?[689]\\d{7}', '+6581234567 / 91234567')).toEqual([
      '+6581234567',
      '91234567',
    ]);
    expect(matches('wa\\.me/\\d+|t\\.me/\\w+', 'wa.me/6512345678 t.me/shop_1')).toEqual([
      'wa.me/6512345678',
      't.me/shop_1',
    ]);
    expect(matches('a|ab', 'ab')).toEqual(['a']); // leftmost-first, like JavaScript
    expect(matches('a+?', 'aaa')).toEqual(['a', 'a', 'a']);
    expect(matches('^ab', 'ab ab')).toEqual(['ab']);
    expect(matches('[^0-9 ]+', 'ab 12 cd')).toEqual(['ab', 'cd']);
  });

  it('lower-cases pattern literals to match the lower-case key', () => {
    expect(matches('[ST]\\d{7}[A-Z]', 's1234567d')).toEqual(['s1234567d']);
  });

  it.each([
    ['(a)\\1', 'backreferences'],
    ['(?=a)b', 'lookaround'],
    ['(?<!a)b', 'lookaround'],
    ['\\k<x>', 'backreferences'],
    ['a*', 'empty'],
    ['(a|)', 'empty'],
    ['a{5000}', 'too large'],
    ['(a{1000}){1000}', 'too large'],
    ['[abc', 'missing ]'],
    ['(ab', 'missing )'],
    ['*a', 'nothing to repeat'],
  ])('refuses %s (%s)', (pattern, reason) => {
    expect(() => compileRegex(pattern)).toThrow(reason);
  });

  it('cannot hang on patterns that make backtracking engines explode', () => {
    const evil = `${'a'.repeat(20_000)}!`;
    for (const p of ['(a+)+$', '(a|a)*b', '(a*)*b', '(a|aa)+c', '\\d*\\d*\\d*x']) {
      expect(matches(p, evil)).toEqual([]);
    }
  });

  it('agrees with JavaScript RegExp on random safe patterns (property)', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '\\d',
      '[ab]',
      '.',
      '(?:ab|a)',
      '[^a]',
      '\\b',
      '\\B',
      '^',
      '$',
    );
    const quant = fc.constantFrom('', '', '', '?', '+', '{1,3}', '{2}');
    const pattern = fc
      .array(fc.tuple(atom, quant), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.map(([a, q]) => a + q).join(''))
      .filter((p) => {
        try {
          compileRegex(p);
          return true;
        } catch {
          return false;
        }
      });
    const text = fc
      .array(fc.constantFrom('a', 'b', '1', ' '), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const expected = [...t.matchAll(new RegExp(p, 'g'))].map((m) => m[0]);
        expect(matches(p, t)).toEqual(expected);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
