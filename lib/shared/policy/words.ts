/**
 * Words and sentences of a normalised field, for the word windows of context clauses.
 * Computed on the text key (so "r\u200Bep1ica" is one word, as the reader sees it) and only
 * for fields where a rule with a window has a match.
 *
 * A word is a run of letters, digits and marks; an apostrophe between letters stays inside
 * ("isn't" is one word). Scripts written without spaces (Thai, Lao, Khmer, Myanmar, CJK)
 * are split by the runtime's dictionary segmenter (Intl.Segmenter), so "ไม่ใช่ของปลอม" is
 * three words as in "not a fake"; where no segmenter exists, every 4 units count as a word.
 * A sentence ends at ". ", "!", "?", "。", "…" or a line break.
 */
import type { NormalisedText } from './normalise';

export interface WordMap {
  /** Index of the word unit i belongs to, or of the last word before it (-1: none yet). */
  readonly wordAt: Int32Array;
  /** 1 where key unit i is part of a word. */
  readonly inWord: Uint8Array;
  /** Sentence number of key unit i. */
  readonly sentenceAt: Int32Array;
  /** Key unit starts (original offsets), to place original ranges on the key. */
  readonly starts: Int32Array;
  readonly length: number;
}

/** A span placed on the word map: words first..last (first > last: it holds no word). */
export interface WordSpan {
  first: number;
  last: number;
  /** Sentences of its first and last key units. */
  sentenceFirst: number;
  sentenceLast: number;
}

const CLASS_SEPARATOR = 0;
const CLASS_SPACED = 1;
const CLASS_DENSE = 2;

function isDense(u: number): boolean {
  return (
    (u >= 0x0e01 && u <= 0x0eff) || // Thai, Lao
    (u >= 0x1000 && u <= 0x109f) || // Myanmar
    (u >= 0x1780 && u <= 0x17ff) || // Khmer
    (u >= 0x3040 && u <= 0x30ff) || // kana
    (u >= 0x3400 && u <= 0x9fff) // CJK
  );
}

const LETTERISH = /^[\p{L}\p{N}\p{M}]$/u;
const otherCache = new Map<number, boolean>();

function classOf(u: number): number {
  if (u < 0x80) {
    return (u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a)
      ? CLASS_SPACED
      : CLASS_SEPARATOR;
  }
  if (isDense(u)) {
    // Thai digits and punctuation inside the block are separators; the key folds Thai
    // digits to ASCII already.
    return u === 0x0e2f || u === 0x0e5a || u === 0x0e5b ? CLASS_SEPARATOR : CLASS_DENSE;
  }
  if (u >= 0xd800 && u <= 0xdfff) return CLASS_SEPARATOR; // emoji and other astral symbols
  let letter = otherCache.get(u);
  if (letter === undefined) {
    letter = LETTERISH.test(String.fromCharCode(u));
    if (otherCache.size < 10_000) otherCache.set(u, letter);
  }
  return letter ? CLASS_SPACED : CLASS_SEPARATOR;
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x02bc]);
const SENTENCE_ENDS = new Set([0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f, 0x2026, 0x203c]);
const LINE_BREAKS = new Set([0x0a, 0x0d, 0x2028, 0x2029]);
const isSpace = (u: number) => u === 0x20 || u === 0x09 || u === 0xa0 || LINE_BREAKS.has(u);

let segmenter: Intl.Segmenter | null | undefined;
function denseSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('th', { granularity: 'word' })
        : null;
  }
  return segmenter;
}

const FALLBACK_UNITS_PER_WORD = 4;

/** Word starts (relative to the run) of a run of a script written without spaces. */
function denseWordStarts(run: string): number[] {
  const seg = denseSegmenter();
  if (!seg) {
    const out: number[] = [];
    for (let k = 0; k < run.length; k += FALLBACK_UNITS_PER_WORD) out.push(k);
    return out;
  }
  const out: number[] = [];
  for (const s of seg.segment(run)) out.push(s.index);
  return out;
}

export function buildWordMap(norm: NormalisedText): WordMap {
  const { codes, starts, length } = norm.text;
  const wordAt = new Int32Array(length);
  const inWord = new Uint8Array(length);
  const sentenceAt = new Int32Array(length);
  let word = -1;
  let sentence = 0;
  let prevClass = CLASS_SEPARATOR;
  let i = 0;
  while (i < length) {
    const u = codes[i]!;
    const cls = classOf(u);
    if (cls === CLASS_DENSE) {
      let j = i;
      while (j < length && classOf(codes[j]!) === CLASS_DENSE) j++;
      const run = String.fromCharCode(...codes.subarray(i, j));
      const wordStarts = denseWordStarts(run);
      let next = 0;
      for (let k = i; k < j; k++) {
        if (next < wordStarts.length && wordStarts[next] === k - i) {
          word++;
          next++;
        }
        wordAt[k] = word;
        inWord[k] = 1;
        sentenceAt[k] = sentence;
      }
      prevClass = CLASS_DENSE;
      i = j;
      continue;
    }
    if (cls === CLASS_SPACED) {
      if (prevClass !== CLASS_SPACED) word++;
      inWord[i] = 1;
    } else if (
      APOSTROPHES.has(u) &&
      prevClass === CLASS_SPACED &&
      i + 1 < length &&
      classOf(codes[i + 1]!) === CLASS_SPACED
    ) {
      // "isn't": the apostrophe joins the word; the next letter continues it.
      inWord[i] = 1;
      wordAt[i] = word;
      sentenceAt[i] = sentence;
      i++;
      continue;
    }
    wordAt[i] = word;
    sentenceAt[i] = sentence;
    if (cls === CLASS_SEPARATOR && endsSentence(codes, i, length)) sentence++;
    prevClass = cls;
    i++;
  }
  return { wordAt, inWord, sentenceAt, starts, length };
}

function endsSentence(codes: Uint16Array, i: number, length: number): boolean {
  const u = codes[i]!;
  if (LINE_BREAKS.has(u)) return true;
  if (!SENTENCE_ENDS.has(u)) return false;
  // "wa.me", "1.5" and "U.S.A" are not sentence ends: the mark must be followed by a space
  // (or end the text, or be another sentence mark: "?!", "...").
  const next = i + 1 < length ? codes[i + 1]! : 0x20;
  return isSpace(next) || SENTENCE_ENDS.has(next);
}

/** First key unit whose original start is >= offset. */
function lowerBound(starts: Int32Array, length: number, offset: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Places an original-text range [start, end) on the word map. */
export function wordSpan(map: WordMap, start: number, end: number): WordSpan {
  const n = map.length;
  const from = lowerBound(map.starts, n, start);
  let to = lowerBound(map.starts, n, end);
  if (to < from) to = from;
  let first: number;
  if (from >= n) first = n > 0 ? map.wordAt[n - 1]! + 1 : 0;
  else first = map.inWord[from] ? map.wordAt[from]! : map.wordAt[from]! + 1;
  const last = to > 0 ? map.wordAt[to - 1]! : -1;
  const sentenceFirst = from < n ? map.sentenceAt[from]! : n > 0 ? map.sentenceAt[n - 1]! : 0;
  const sentenceLast = to > 0 ? map.sentenceAt[to - 1]! : sentenceFirst;
  return { first, last: Math.max(last, first - 1), sentenceFirst, sentenceLast };
}
