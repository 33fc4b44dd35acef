/**
 * Word distances for the windows of context clauses: how many words lie between two ranges
 * of a field, and whether a sentence ends between them. Counted on the text key (so
 * "r\u200Bep1ica" is one word, as the reader sees it) and only over the stretch between
 * the two ranges, stopping as soon as the count passes the window: the cost follows the
 * window, not the field.
 *
 * A word is a run of letters, digits and marks; an apostrophe between letters stays inside
 * ("isn't" is one word). Thai, written without spaces, is split by maximal matching over a
 * shipped word list (thai-words.generated.ts), so in "ไม่ใช่ของปลอม" one word ("ของ") lies
 * between "ไม่ใช่" and "ปลอม". Not the runtime's Intl.Segmenter: Node, Chromium and Firefox
 * split Thai differently (Firefox also calls some Thai words not word-like), and a window
 * that holds in one browser and not in another made Firefox refuse a pack that Node had
 * checked. Thai the list does not cover, and the other unspaced scripts (Lao, Khmer,
 * Myanmar; CJK and kana), count one word per UNKNOWN_UNITS_PER_WORD (CJK_UNITS_PER_WORD)
 * units. A sentence ends at "!", "?", "。", "…", a line break, or a full
 * stop followed by a space and no lower-case letter or digit (see endsSentence).
 */
import type { NormalisedText } from './normalise';
import { THAI_WORDS } from './unicode/thai-words.generated';

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
    // Thai punctuation inside the block (ฯ, ๚, ๛) separates; the key already folds Thai
    // digits to ASCII.
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

/**
 * Longest stretch of unspaced script counted per window word: no real word is this long,
 * so a longer stretch holds more words than the window allows.
 */
const DENSE_UNITS_PER_WORD_MAX = 24;
/** Thai units (or Lao, Khmer, Myanmar units) per word where the word list has no word. */
const UNKNOWN_UNITS_PER_WORD = 4;
/** CJK and kana units per word (their words are one to three characters). */
const CJK_UNITS_PER_WORD = 2;

interface TrieNode {
  next: Map<number, TrieNode>;
  word: boolean;
}
let thaiTrie: TrieNode | undefined;
function thaiWords(): TrieNode {
  if (thaiTrie) return thaiTrie;
  const root: TrieNode = { next: new Map(), word: false };
  for (const w of THAI_WORDS.split(' ')) {
    let node = root;
    for (let k = 0; k < w.length; k++) {
      const u = w.charCodeAt(k);
      let child = node.next.get(u);
      if (!child) {
        child = { next: new Map(), word: false };
        node.next.set(u, child);
      }
      node = child;
    }
    node.word = true;
  }
  thaiTrie = root;
  return root;
}

const isThai = (u: number) => u >= 0x0e01 && u <= 0x0e7f;
/** A Thai vowel sign, tone mark or other mark that never begins a word (ะ ั า ำ ิ ... ์). */
const isThaiFollower = (u: number) =>
  (u >= 0x0e30 && u <= 0x0e3a) || u === 0x0e45 || (u >= 0x0e47 && u <= 0x0e4e);
/** A Thai vowel written before its consonant (เ แ โ ใ ไ): a word never ends after it. */
const isThaiLeader = (u: number) => u >= 0x0e40 && u <= 0x0e44;

/**
 * Words in a run of Thai (key units [from, to)), the same in every runtime: maximal
 * matching over the shipped word list (thai-words.generated.ts, from scripts/gen-thai-words.ts),
 * fewest unknown units first, then fewest words. A stretch the list does not cover counts
 * one word per UNKNOWN_UNITS_PER_WORD units. Words start and end only between character
 * clusters (never before a vowel sign or mark, never after a leading vowel).
 */
function thaiWordCount(codes: Uint16Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) return 0;
  const root = thaiWords();
  const boundary = (k: number) =>
    k === 0 ||
    k === n ||
    (!isThaiFollower(codes[from + k]!) && !isThaiLeader(codes[from + k - 1]!));
  // Lexicographic cost (unknown units, words) to reach each position, and how it was reached.
  const unknown = new Int32Array(n + 1).fill(0x7fffffff);
  const words = new Int32Array(n + 1);
  const back = new Int32Array(n + 1);
  const wasUnknown = new Uint8Array(n + 1);
  unknown[0] = 0;
  const relax = (j: number, unk: number, w: number, i: number, isUnknown: boolean) => {
    if (unk < unknown[j]! || (unk === unknown[j]! && w < words[j]!)) {
      unknown[j] = unk;
      words[j] = w;
      back[j] = i;
      wasUnknown[j] = isUnknown ? 1 : 0;
    }
  };
  for (let i = 0; i < n; i++) {
    if (unknown[i] === 0x7fffffff) continue;
    let node: TrieNode | undefined = root;
    for (let j = i; j < n && node; j++) {
      node = node.next.get(codes[from + j]!);
      if (node?.word && boundary(j + 1)) relax(j + 1, unknown[i]!, words[i]! + 1, i, false);
    }
    let c = i + 1;
    while (!boundary(c)) c++;
    relax(c, unknown[i]! + (c - i), words[i]!, i, true);
  }
  let count = words[n]!;
  let stretch = 0;
  for (let j = n; j > 0; j = back[j]!) {
    if (wasUnknown[j]) stretch += j - back[j]!;
    else {
      count += Math.ceil(stretch / UNKNOWN_UNITS_PER_WORD);
      stretch = 0;
    }
  }
  return count + Math.ceil(stretch / UNKNOWN_UNITS_PER_WORD);
}

/** Words in a run of scripts written without spaces (key units [from, to)). */
function denseWordCount(codes: Uint16Array, from: number, to: number): number {
  let count = 0;
  let i = from;
  while (i < to) {
    const thai = isThai(codes[i]!);
    let j = i + 1;
    while (j < to && isThai(codes[j]!) === thai) j++;
    if (thai) count += thaiWordCount(codes, i, j);
    else {
      const u = codes[i]!;
      const per = u >= 0x3040 ? CJK_UNITS_PER_WORD : UNKNOWN_UNITS_PER_WORD;
      count += Math.ceil((j - i) / per);
    }
    i = j;
  }
  return count;
}

const LOWER_OR_DIGIT = /[\p{Ll}\p{Nd}]/u;

/**
 * A sentence ends at key unit i: a line break, or ".!?" followed by a space or the end.
 * "wa.me", "1.5" and "U.S.A" are not sentence ends (no space follows), and neither is a
 * full stop followed by a lower-case letter or a digit in the original text: "Part no.
 * 0812...", "Rp. 150.000", "approx. 5 kg" are abbreviations, not sentences.
 */
function endsSentence(norm: NormalisedText, i: number): boolean {
  const { codes, length } = norm.text;
  const u = codes[i]!;
  if (LINE_BREAKS.has(u)) return true;
  if (!SENTENCE_ENDS.has(u)) return false;
  const next = i + 1 < length ? codes[i + 1]! : 0x20;
  if (SENTENCE_ENDS.has(next)) return true;
  if (!isSpace(next)) return false;
  if (u !== 0x2e) return true;
  const original = norm.original;
  let k = norm.text.ends[i]!;
  while (k < original.length && /\s/.test(original[k]!)) k++;
  return k >= original.length || !LOWER_OR_DIGIT.test(original[k]!);
}

/** First key unit whose original start is >= offset. */
function keyIndexAt(norm: NormalisedText, offset: number): number {
  const { starts, length } = norm.text;
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Between {
  /** Words between, or limit + 1 when there are more than limit. */
  words: number;
  /** Whether a sentence ends between the two ranges. */
  sentenceEnd: boolean;
}

/**
 * The words that lie in the original range [from, to) of a field (the stretch between a
 * match and a partner), counting at most limit + 1. A word cut by either edge counts.
 */
export function wordsBetween(
  norm: NormalisedText,
  from: number,
  to: number,
  limit: number,
): Between {
  const { codes } = norm.text;
  const length = norm.text.length;
  let i = keyIndexAt(norm, from);
  const end = Math.min(keyIndexAt(norm, to), length);
  let words = 0;
  let sentenceEnd = false;
  let prev = CLASS_SEPARATOR;
  while (i < end && words <= limit) {
    const u = codes[i]!;
    const cls = classOf(u);
    if (cls === CLASS_DENSE) {
      let j = i + 1;
      const cap = i + (limit + 1 - words) * DENSE_UNITS_PER_WORD_MAX;
      while (j < end && j < cap && classOf(codes[j]!) === CLASS_DENSE) j++;
      if (j === cap && j < end && classOf(codes[j]!) === CLASS_DENSE)
        return { words: limit + 1, sentenceEnd };
      words += denseWordCount(codes, i, j);
      prev = CLASS_DENSE;
      i = j;
      continue;
    }
    if (cls === CLASS_SPACED) {
      if (prev !== CLASS_SPACED) words++;
    } else if (
      APOSTROPHES.has(u) &&
      prev === CLASS_SPACED &&
      i + 1 < end &&
      classOf(codes[i + 1]!) === CLASS_SPACED
    ) {
      i++; // "isn't": the apostrophe joins the word
      continue;
    } else if (endsSentence(norm, i)) {
      sentenceEnd = true;
    }
    prev = cls;
    i++;
  }
  if (words > limit) return { words: limit + 1, sentenceEnd };
  // The key may have folded line breaks into spaces (runs of spaces and breaks inside a
  // phrase): breaks are looked for in the original text, only for a stretch in the window.
  if (!sentenceEnd) sentenceEnd = hasLineBreak(norm.original, from, to);
  return { words, sentenceEnd };
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (LINE_BREAKS.has(text.charCodeAt(k))) return true;
  return false;
}

/**
 * The original range that surely holds every partner at most `before` words before and
 * `after` words after the original range [start, end) (-1: that side not at all): a
 * superset, since unspaced scripts count as one word per DENSE_UNITS_PER_WORD_MAX units.
 * Pattern partners of word windows are searched only there.
 */
export function windowRange(
  norm: NormalisedText,
  start: number,
  end: number,
  before: number,
  after: number,
): [number, number] {
  const { starts, ends, length } = norm.text;
  const from =
    before < 0 ? keyIndexAt(norm, start) : reach(norm, keyIndexAt(norm, start) - 1, -1, before + 1);
  const to = after < 0 ? keyIndexAt(norm, end) : reach(norm, keyIndexAt(norm, end), 1, after + 1);
  const origFrom = from <= 0 ? 0 : starts[Math.min(from, length - 1)]!;
  const origTo = to >= length ? norm.original.length : ends[Math.max(to, 0)]!;
  return [origFrom, Math.max(origFrom, origTo)];
}

/** The key index reached from i walking in dir until `words` words have been passed. */
function reach(norm: NormalisedText, i: number, dir: 1 | -1, words: number): number {
  const { codes, length } = norm.text;
  let count = 0;
  let inWord = false;
  let dense = 0;
  for (; i >= 0 && i < length; i += dir) {
    const cls = classOf(codes[i]!);
    if (cls === CLASS_SPACED) {
      if (!inWord) count++;
      inWord = true;
    } else if (cls === CLASS_DENSE) {
      if (dense++ % DENSE_UNITS_PER_WORD_MAX === 0) count++;
      inWord = false;
    } else {
      inWord = false;
      dense = 0;
    }
    if (count > words) return i;
  }
  return i;
}
