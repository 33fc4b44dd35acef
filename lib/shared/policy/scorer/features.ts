/**
 * The scorer's features, read from the normalised text (normalise.ts) so the folds that undo
 * evasions (look-alike letters, inserted symbols, spaced letters, leetspeak, Vietnamese
 * without marks) apply before the model sees anything:
 *
 *   - character 3- to 5-grams over the fold key, with every run of non-word characters read
 *     as one space and a space at each end, so n-grams know where words start and end, and
 *     Thai (written without spaces between words) still gets features inside its runs;
 *   - word unigrams and bigrams over the same words;
 *   - the lengths of digit runs in the digit key (a 10-digit run reads like a phone number).
 *
 * Each feature is a 32-bit hash (hash.ts); a text's features are its distinct hashes, each
 * with where it first occurs (a key range) so the features that drove a suggestion can be
 * shown as spans of the original text.
 */
import type { NormalisedText } from '@/lib/shared/policy/normalise';
import { fnvStep, SALT_BIGRAM, SALT_CHARS, SALT_DIGITS, SALT_WORD } from './hash';

export const MIN_GRAM = 3;
export const MAX_GRAM = 5;

/** Which key a feature's range is in. */
export const KEY_TEXT = 0;
export const KEY_DIGITS = 1;

export interface FeatureSet {
  /** Distinct feature hashes, in the order first seen. */
  readonly hashes: number[];
  /** Key range [from, to) of each feature's first occurrence, and which key (KEY_*). */
  readonly from: number[];
  readonly to: number[];
  readonly key: number[];
}

// 0 unknown, 1 word character (letter, mark, digit), 2 not: filled lazily per code unit.
const wordClass = new Uint8Array(65536);
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
export function isWordCode(code: number): boolean {
  let c = wordClass[code]!;
  if (c === 0) {
    // Lone surrogates (emoji halves) are not word characters.
    c = code >= 0xd800 && code <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    wordClass[code] = c;
  }
  return c === 1;
}

const SPACE = 32;

function digitBucket(length: number): number {
  if (length <= 2) return 1;
  if (length <= 4) return 3;
  if (length <= 7) return 5;
  if (length <= 11) return 8;
  return 12;
}

export function extractFeatures(norm: NormalisedText): FeatureSet {
  const set: FeatureSet = { hashes: [], from: [], to: [], key: [] };
  const seen = new Set<number>();
  const emit = (hash: number, from: number, to: number, key: number) => {
    if (seen.has(hash)) return;
    seen.add(hash);
    set.hashes.push(hash);
    set.from.push(from);
    set.to.push(to);
    set.key.push(key);
  };

  // The padded stream: word characters of the fold key, one space for each run of others.
  const length = norm.text.length;
  const codes: number[] = [SPACE];
  const at: number[] = [-1];
  for (let k = 0; k < length; k++) {
    const code = norm.fold[k]!;
    if (isWordCode(code)) {
      codes.push(code);
      at.push(k);
    } else if (codes[codes.length - 1] !== SPACE) {
      codes.push(SPACE);
      at.push(-1);
    }
  }
  if (codes[codes.length - 1] !== SPACE) {
    codes.push(SPACE);
    at.push(-1);
  }
  const m = codes.length;

  // Character n-grams; their key range leaves out the padding spaces at either end.
  for (let i = 0; i < m; i++) {
    let h = SALT_CHARS;
    for (let n = 1; n <= MAX_GRAM && i + n <= m; n++) {
      const j = i + n - 1;
      h = fnvStep(h, codes[j]!);
      if (n < MIN_GRAM) continue;
      const first = at[i]! >= 0 ? at[i]! : at[i + 1]!;
      const last = at[j]! >= 0 ? at[j]! : at[j - 1]!;
      if (first < 0 || last < 0) continue;
      emit(h, first, last + 1, KEY_TEXT);
    }
  }

  // Words and word pairs.
  let previous: { start: number; end: number; hash: number } | undefined;
  for (let i = 1; i < m; ) {
    let j = i;
    let h = SALT_WORD;
    while (j < m && codes[j] !== SPACE) h = fnvStep(h, codes[j++]!);
    if (j > i) {
      const word = { start: i, end: j, hash: h };
      emit(h, at[i]!, at[j - 1]! + 1, KEY_TEXT);
      if (previous) {
        let b = SALT_BIGRAM;
        for (let p = previous.start; p < previous.end; p++) b = fnvStep(b, codes[p]!);
        b = fnvStep(b, SPACE);
        for (let p = i; p < j; p++) b = fnvStep(b, codes[p]!);
        emit(b, at[previous.start]!, at[j - 1]! + 1, KEY_TEXT);
      }
      previous = word;
    }
    i = j + 1;
  }

  // Digit runs by length.
  const digits = norm.digits;
  for (let k = 0; k < digits.length; ) {
    const code = digits.codes[k]!;
    if (code < 48 || code > 57) {
      k++;
      continue;
    }
    let e = k;
    while (e < digits.length && digits.codes[e]! >= 48 && digits.codes[e]! <= 57) e++;
    emit(fnvStep(SALT_DIGITS, digitBucket(e - k)), k, e, KEY_DIGITS);
    k = e;
  }
  return set;
}
