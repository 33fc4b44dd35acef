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

const asKey = (b: KeyBuilder): MatchKey => ({
  codes: b.codes,
  starts: b.starts,
  ends: b.ends,
  folds: b.folds,
  flags: b.flags,
  length: b.length,
});

export function normalise(input: string): NormalisedText {
  const base = baseKey(input);
  const text = textKey(base);
  const digits = digitKey(base);
  const accentTable = accentFoldTable();
  const n = text.length;
  const fold = new Uint16Array(n);
  const codes = text.codes;
  for (let k = 0; k < n; k++) fold[k] = accentTable[codes[k]!]!;
  return { original: input, text: asKey(text), fold, digits: asKey(digits) };
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
