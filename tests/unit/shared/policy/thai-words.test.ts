/**
 * Thai word windows do not depend on the runtime's word segmenter. Firefox's Intl.Segmenter
 * splits Thai unlike Node's and Chromium's (and calls some Thai words not word-like), so an
 * example of starter pack 2.2.7 held in Node and failed in Firefox, and Firefox refused the
 * whole pack. Here the starter pack's examples and the corpus's Thai findings are checked
 * with Intl.Segmenter absent and replaced by segmenters that split every way but the right
 * one: nothing may change.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate, normalise, STARTER_PACK_JSON } from '@/lib/shared/policy';
import { compilePack } from '@/lib/shared/policy/compile';
import { runExamples } from '@/lib/shared/policy/examples';
import { type PackSpec, packSchema } from '@/lib/shared/policy/pack-schema';
import type { CompiledPack } from '@/lib/shared/policy/types';
import { wordsBetween } from '@/lib/shared/policy/words';

type SegmentFn = (text: string) => Array<{ segment: string; index: number; isWordLike: boolean }>;

/** Firefox 153 ESR's split of the example, as it came out there (| between segments, [] not word-like). */
const FIREFOX_SPLIT =
  'รับ|คอล|วิดี|[โอ]|[ ]|18|[+]|[ ]|นาที|[ละ]|[ ]|50|[ ]|[บาท]|[ ]|ปลอด|[ภัย]|[ ]|ไม่|เปิดเผย|ตัว|ตน';

/** Segments a text the way `split` does for the known text, and unit by unit elsewhere. */
function recorded(split: string): SegmentFn {
  const parts = split.split('|').map((p) => {
    const wordLike = !(p.startsWith('[') && p.endsWith(']'));
    return { text: wordLike ? p : p.slice(1, -1), wordLike };
  });
  const whole = parts.map((p) => p.text).join('');
  return (text) => {
    const out: ReturnType<SegmentFn> = [];
    let index = 0;
    const source =
      text === whole ? parts : [...text].map((c) => ({ text: c, wordLike: /\S/.test(c) }));
    for (const p of source) {
      out.push({ segment: p.text, index, isWordLike: p.wordLike });
      index += p.text.length;
    }
    return out;
  };
}

const SEGMENTERS: Record<string, SegmentFn | undefined> = {
  absent: undefined,
  'every unit a word': (text) =>
    [...text].map((c, index) => ({ segment: c, index, isWordLike: true })),
  'one segment, not word-like': (text) => [{ segment: text, index: 0, isWordLike: false }],
  "Firefox's split, elsewhere unit by unit, spaces not words": recorded(FIREFOX_SPLIT),
};

const realSegmenter = Intl.Segmenter;
function useSegmenter(fn: SegmentFn | undefined): void {
  const intl = Intl as unknown as Record<string, unknown>;
  if (!fn) {
    delete intl.Segmenter;
    return;
  }
  intl.Segmenter = class {
    segment(text: string) {
      return fn(text).map((s) => ({ ...s, input: text }));
    }
  };
}
afterEach(() => {
  (Intl as unknown as Record<string, unknown>).Segmenter = realSegmenter;
});

const spec = packSchema.parse(STARTER_PACK_JSON) as PackSpec;
const compiled = compilePack(spec);
if (!compiled.ok) throw new Error('starter pack does not compile');
const pack: CompiledPack = compiled.pack;

const thaiCases = readFileSync('tests/fixtures/corpus/th.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; text: string; field: string });
const findingsOf = () =>
  thaiCases.map((c) => ({
    id: c.id,
    findings: evaluate(pack, { fields: { [c.field]: c.text } }).map(
      (f) => `${f.policyId}/${f.ruleId}`,
    ),
  }));

describe('Thai word windows without the runtime segmenter', () => {
  const text = 'รับคอลวิดีโอ 18+ นาทีละ 50 บาท ปลอดภัย ไม่เปิดเผยตัวตน';
  const from = text.indexOf('18+') + 3;
  const to = text.indexOf('เปิดเผย');

  it('count the words of the example Firefox split differently the same under any segmenter', () => {
    // นาที ละ 50 บาท ปลอดภัย ไม่: six words, so "เปิดเผย" (news) is outside a 5-word window.
    expect(wordsBetween(normalise(text), from, to, 10)).toEqual({ words: 6, sentenceEnd: false });
    for (const [name, fn] of Object.entries(SEGMENTERS)) {
      useSegmenter(fn);
      expect(wordsBetween(normalise(text), from, to, 10).words, name).toBe(6);
    }
  });

  it('leave every example of the starter pack passing under any segmenter', () => {
    for (const [name, fn] of Object.entries(SEGMENTERS)) {
      useSegmenter(fn);
      const failures = runExamples(spec, pack).map((e) => `${e.ruleId}: ${e.example}`);
      expect(failures, name).toEqual([]);
    }
  });

  it('give the same findings on every Thai corpus text under any segmenter', () => {
    const expected = findingsOf();
    expect(expected.some((c) => c.findings.length > 0)).toBe(true);
    for (const [name, fn] of Object.entries(SEGMENTERS)) {
      useSegmenter(fn);
      expect(findingsOf(), name).toEqual(expected);
    }
  });

  it('split Thai at character clusters only and count unknown stretches by length', () => {
    const count = (t: string) => wordsBetween(normalise(t), 0, t.length, 100).words;
    expect(count('ไม่ใช่ของปลอม')).toBe(3); // ไม่ใช่ ของ ปลอม
    expect(count('')).toBe(0);
    // Not in the list: one word per 4 units, rounded up.
    expect(count('ฬฮฬฮฬฮฬฮ')).toBe(2);
    expect(count('ฬฮฬฮฬฮฬฮฬ')).toBe(3);
    // A word of the list next to an unknown stretch.
    expect(count('ปลอมฬฮฬฮ')).toBe(2);
  });
});
