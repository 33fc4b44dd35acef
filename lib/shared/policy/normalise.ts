/**
 * The matching keys: what rules see instead of the raw text. Every key unit remembers the
 * range of original UTF-16 offsets it came from, so a match on a key is reported as a range
 * of the original text, and the folds that produced it (fold-ids.ts), so a finding can say
 * which folding made it match.
 *
 *   base (base-key.ts): per character, invisible characters dropped, NFKC, lower case,
 *         look-alike letters of either case, decorative marks on Latin letters dropped,
 *         Thai and dingbat digits as ASCII digits;
 *   text (text-key.ts): the base with leetspeak folded and the folds that look at
 *         neighbours: symbols inside words, spaced-out letters, runs of spaces, Thai tone
 *         marks and repeats, hashtags and handles marked;
 *   fold: the text key without Latin diacritics (same offsets as text), which the term
 *         automaton runs on (term-index.ts decides when diacritics must match);
 *   digits (digit-key.ts): the base without leetspeak, numbers joined across separators,
 *         emoji and spelled-out digits, look-alike letters inside numbers read as digits.
 *
 * Leetspeak design: two keys instead of guessing from context. The text key folds leet
 * everywhere and term lists are folded the same way, so "r3pl1ca" meets "replica"; the digit
 * key keeps digits as digits, so phone-number and ID patterns still see "0812345678".
 */
import { baseKey } from './base-key';
import { digitKey } from './digit-key';
import { foldMaskOf } from './fold-ids';
import type { KeyBuilder } from './key-builder';
import { accentFoldTable } from './key-folds';
import { textKey } from './text-key';

export interface MatchKey {
  /** Key code units; only the first `length` are used. */
  readonly codes: Uint16Array;
  /** starts[i]..ends[i]: the original range key unit i came from. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Fold bits (fold-ids.ts) of each unit. */
  readonly folds: Uint32Array;
  /** Per-unit flags (text key: TEXT_BOUNDARY, TEXT_IN_TAG from text-key.ts). */
  readonly flags: Uint8Array;
  readonly length: number;
}

export interface NormalisedText {
  readonly original: string;
  readonly text: MatchKey;
  /** Text key without Latin diacritics; shares text's offsets. */
  readonly fold: Uint16Array;
  readonly digits: MatchKey;
}

/**
 * The keys of one text in a single buffer: the builders are scratch space reused by the next
 * call, and one allocation is much cheaper than eleven (typed arrays cost about a
 * microsecond each to allocate).
 */
function finish(input: string, text: KeyBuilder, digits: KeyBuilder): NormalisedText {
  const t = text.length;
  const d = digits.length;
  // Int32 and Uint32 first (4-byte aligned), then Uint16, then Uint8.
  const buffer = new ArrayBuffer((t + d) * 12 + (t + t + d) * 2 + (t + d));
  let at = 0;
  const i32 = (n: number) => {
    const view = new Int32Array(buffer, at, n);
    at += n * 4;
    return view;
  };
  const u32 = (n: number) => {
    const view = new Uint32Array(buffer, at, n);
    at += n * 4;
    return view;
  };
  const u16 = (n: number) => {
    const view = new Uint16Array(buffer, at, n);
    at += n * 2;
    return view;
  };
  const u8 = (n: number) => {
    const view = new Uint8Array(buffer, at, n);
    at += n;
    return view;
  };
  // 4-byte views first, so every view starts aligned.
  const ranges = (b: KeyBuilder, n: number) => {
    const starts = i32(n);
    starts.set(b.starts.subarray(0, n));
    const ends = i32(n);
    ends.set(b.ends.subarray(0, n));
    const folds = u32(n);
    folds.set(b.folds.subarray(0, n));
    return { starts, ends, folds };
  };
  const textRanges = ranges(text, t);
  const digitRanges = ranges(digits, d);
  const textCodes = u16(t);
  textCodes.set(text.codes.subarray(0, t));
  const digitCodes = u16(d);
  digitCodes.set(digits.codes.subarray(0, d));
  const fold = u16(t);
  const accentTable = accentFoldTable();
  for (let k = 0; k < t; k++) fold[k] = accentTable[textCodes[k]!]!;
  const textFlags = u8(t);
  textFlags.set(text.flags.subarray(0, t));
  const digitFlags = u8(d);
  digitFlags.set(digits.flags.subarray(0, d));
  const textKeyOut: MatchKey = { codes: textCodes, ...textRanges, flags: textFlags, length: t };
  const digitKeyOut: MatchKey = { codes: digitCodes, ...digitRanges, flags: digitFlags, length: d };
  return {
    original: input,
    text: textKeyOut,
    fold,
    digits: digitKeyOut,
  };
}

export function normalise(input: string): NormalisedText {
  const base = baseKey(input);
  const text = textKey(base);
  const digits = digitKey(base);
  return finish(input, text, digits);
}

/** The folds behind key units [start, end) of a key (see fold-ids.ts). */
export function foldsOf(key: MatchKey, start: number, end: number): number {
  return foldMaskOf(key.folds, start, end);
}

/** The key units as a string (for tests, examples and diagnostics). */
export function keyString(codes: Uint16Array, from = 0, to = codes.length): string {
  let s = '';
  for (let k = from; k < to; k += 4096) {
    s += String.fromCharCode(...codes.subarray(k, Math.min(to, k + 4096)));
  }
  return s;
}

/** Normalises a term or example string to the fold or text key, as a string. */
export function termKey(term: string): { text: string; fold: string; digits: string } {
  const n = normalise(term);
  return {
    text: keyString(n.text.codes, 0, n.text.length),
    fold: keyString(n.fold, 0, n.text.length),
    digits: keyString(n.digits.codes, 0, n.digits.length),
  };
}
