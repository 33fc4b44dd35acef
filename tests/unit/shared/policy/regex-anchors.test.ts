/**
 * What "^", "$" and "\b" in a pack pattern see: the start and end of the whole field (no
 * multi-line mode: a line break is not a text boundary), and never the edge of the stretch
 * of a long field that a context window searches (evaluate.ts cuts long fields there).
 */
import { describe, expect, it } from 'vitest';
import { EvaluationContext } from '@/lib/shared/policy/evaluate';
import { compiled, packWith, run } from './context-helpers';

const patternRule = (pattern: string, key: 'text' | 'digits') =>
  compiled(
    packWith({
      kind: 'pattern',
      pattern,
      key,
      examples: { mustMatch: [], mustNotMatch: ['x'] },
    }),
  );

/** The evidence texts of the one rule's finding, or [] when it does not fire. */
const hits = (pattern: string, key: 'text' | 'digits', text: string) =>
  run(patternRule(pattern, key), text).flatMap((f) => f.evidence.map((e) => e.text));

describe('^ and $ in a multi-line field', () => {
  it('^ matches at the start of the whole field only, not after a line break', () => {
    for (const key of ['text', 'digits'] as const) {
      expect(hits('^order\\b', key, 'order now')).toEqual(['order']);
      expect(hits('^order\\b', key, 'hi\norder now')).toEqual([]);
      expect(hits('^order\\b', key, 'hi\r\n\r\norder now')).toEqual([]);
    }
    expect(hits('^0\\d{9}', 'digits', '0812345678 call')).toEqual(['0812345678']);
    expect(hits('^0\\d{9}', 'digits', 'call me\n0812345678')).toEqual([]);
  });

  it('$ matches at the end of the whole field only, not before a line break', () => {
    for (const key of ['text', 'digits'] as const) {
      expect(hits('\\bnow$', key, 'order now')).toEqual(['now']);
      expect(hits('\\bnow$', key, 'order now\nthanks')).toEqual([]);
    }
    expect(hits('\\d{10}$', 'digits', 'call 0812345678')).toEqual(['0812345678']);
    expect(hits('\\d{10}$', 'digits', '0812345678\ncall me')).toEqual([]);
  });

  it('a leading space or line break is part of the field: ^ does not skip it', () => {
    expect(hits('^order\\b', 'digits', '\norder now')).toEqual([]);
    expect(hits('^\\s*order\\b', 'digits', '\norder now')).toEqual(['\norder']);
  });
});

describe('^, $ and \\b in a field longer than a context window', () => {
  // A word-window partner's patterns are searched only in a stretch around the match, cut
  // out of the key; the cut's edges must not read as the field's start or end, or as a word
  // boundary inside "5kg".
  const PAD = '5kg '.repeat(1000);
  const partnerPack = (pattern: string) =>
    compiled(packWith({ terms: ['lose'], near: { pattern, before: 2, after: 2 } }, {}));

  /** Partner hits (original offsets) around "lose", searched in the window's stretch. */
  const around = (pattern: string, text: string) => {
    const pack = partnerPack(pattern);
    const ctx = new EvaluationContext(pack, { fields: { description: text } });
    const at = text.indexOf('lose');
    const hit = { field: 0, start: at, end: at + 4 };
    return ctx.partnerPatternsAround(pack.partners[0]!, hit, 2, 2).map((h) => h.start);
  };
  /** The same pattern over the whole field. */
  const whole = (pattern: string, text: string) => {
    const pack = partnerPack(pattern);
    const ctx = new EvaluationContext(pack, { fields: { description: text } });
    return ctx.partnerPatterns(pack.partners[0]!).map((h) => h.start);
  };

  // Texts where "lose" sits deep in a long field, at every alignment of the cut against
  // the repeated "5kg " (the stretch's edge lies a fixed number of key units beyond the
  // window, so varying the length of the word between the padding and the window moves the
  // edge across "5kg "): at one of them the stretch starts exactly on a "5kg", at another it
  // splits "5|kg". Without evaluate.ts's PATTERN_EDGE guard the next three tests fail.
  const deep = (end = '') =>
    ['x', 'xx', 'xxx', 'xxxx'].map(
      (w) => `${PAD}${w} one two six ten lose one two six ten ${w} ${PAD}${end}`,
    );

  it('^ matches only at the field start, never at the stretch edge', () => {
    for (const text of deep()) {
      expect(around('^5kg', text)).toEqual([]);
      expect(whole('^5kg', text)).toEqual([0]);
      // The stretch does hold "5kg" (unanchored), so only the anchor keeps it out.
      expect(around('5kg', text).length).toBeGreaterThan(10);
    }
  });

  it('$ matches only at the field end, never at the stretch edge', () => {
    for (const text of deep('5kg')) {
      expect(around('5kg$', text)).toEqual([]);
      expect(whole('5kg$', text)).toEqual([text.length - 3]);
    }
  });

  it('\\b does not see a word boundary where the cut splits a word', () => {
    for (const text of deep()) {
      expect(around('\\bkg\\b', text)).toEqual([]);
      expect(whole('\\bkg\\b', text)).toEqual([]);
      expect(around('\\b5', text).length).toBeGreaterThan(10);
    }
  });

  it('a partner at the field start is found by ^ when the stretch reaches it', () => {
    const text = `5kg lose ${PAD}`;
    expect(around('^5kg', text)).toEqual([0]);
    expect(run(partnerPack('^5kg'), text)).toHaveLength(1);
    expect(run(partnerPack('^5kg'), `x ${PAD}5kg lose ${PAD}`)).toHaveLength(0);
  });
});
