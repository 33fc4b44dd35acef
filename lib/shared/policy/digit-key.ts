/**
 * The digit key, what phone-number and ID patterns see: the base key without leetspeak,
 * where a number written with evasions reads as its digits:
 *   - separators between digits removed ("0 8 1-2 3 4", "081🔥234📞5678" -> "0812345678");
 *   - letters that look like digits read as digits inside numbers: O->0, I/l->1, S->5, B->8,
 *     Z->2 when digits surround them ("08l2 345 678"), or when a token of six or more digits
 *     has only such letters ("O812345678");
 *   - digits written as words in the six languages ("zero eight one", "không chín một",
 *     "ศูนย์แปดหนึ่ง"), read as digits only in a run of two or more such words that spells
 *     seven or more digits, so "buy one get one" and "dua" stay words;
 *   - a number of seven or more digits glued to a word ("shop0812345678") is marked off
 *     from it by "_" (see GLUE_MARK), unless the word is in capitals (part and model
 *     numbers: "XR0812345678").
 */
import { BASE_UPPER } from './base-key';
import { latinDigitWord, thaiDigitWords } from './digit-words';
import { FOLD } from './fold-ids';
import { KeyBuilder } from './key-builder';
import { isDigitSeparator } from './key-folds';
import {
  CLS_DIGIT,
  CLS_LETTER,
  CLS_MARK,
  CLS_SPACE,
  CLS_SYMBOL,
  unitClasses,
} from './unicode-tables';

/** Digits a run of number words must spell (with the digits around them). */
const MIN_SPELLED_DIGITS = 7;
const MIN_NUMBER_WORDS = 2;
/** A glued number must be at least this long to be read as a number on its own. */
const MIN_GLUED_DIGITS = 7;
/** Longest separator run inside a spelled-out number ("one, two"). */
const MAX_WORD_GAP = 3;

const LOOK_ALIKE_DIGIT: Record<number, number> = {
  111: 0x30, // o
  105: 0x31, // i
  108: 0x31, // l
  115: 0x35, // s
  98: 0x38, // b
  122: 0x32, // z
};

/**
 * What separates a glued number from its word: "_", so "shop0812345678" reads
 * "shop_0812345678". Patterns anchor on it ("[a-z_]0..." or "_0...") to see the number,
 * while "\\b0..." patterns do not fire on glued text, whose part and order numbers need
 * the exceptions a glued-number rule carries.
 */
const GLUE_MARK = 0x5f;

const isDigitCode = (u: number) => u >= 0x30 && u <= 0x39;

export function digitKey(base: KeyBuilder): KeyBuilder {
  const cls = unitClasses();
  const n = base.length;
  const { starts, ends, folds, flags } = base;
  const codes = base.codes.slice(0, n);
  const extra = new Uint32Array(n);
  /** wordEnd[i] > i: base units i..wordEnd[i] are a number word read as wordDigit[i]. */
  const wordEnd = new Int32Array(n);
  const wordDigit = new Uint8Array(n);
  const splitBefore = new Uint8Array(n + 1);

  const isLetter = (i: number) => {
    const k = cls[codes[i]!]!;
    return k === CLS_LETTER || k === CLS_MARK;
  };
  const isSeparator = (i: number) => isDigitSeparator(codes[i]!) || cls[codes[i]!] === CLS_SYMBOL;

  // Tokens: maximal runs of letters, marks and digits.
  const tokens: Array<[number, number]> = [];
  for (let i = 0; i < n; ) {
    const k = cls[codes[i]!]!;
    if (k !== CLS_LETTER && k !== CLS_MARK && k !== CLS_DIGIT) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const kj = cls[codes[j]!]!;
      if (kj !== CLS_LETTER && kj !== CLS_MARK && kj !== CLS_DIGIT) break;
      j++;
    }
    tokens.push([i, j]);
    i = j;
  }

  readLookAlikes();
  const items = numberItems();
  readSpelledNumbers(items);
  separateGluedNumbers();
  return emit();

  function readLookAlikes(): void {
    for (const [from, to] of tokens) {
      let digits = 0;
      let letters = 0;
      let lookAlikes = 0;
      for (let i = from; i < to; i++) {
        const u = codes[i]!;
        if (isDigitCode(u)) digits++;
        else if (LOOK_ALIKE_DIGIT[u] !== undefined) lookAlikes++;
        else letters++;
      }
      if (lookAlikes === 0) continue;
      if (letters === 0 && lookAlikes <= 2 && digits >= 6) {
        for (let i = from; i < to; i++) convert(i);
        continue;
      }
      // Surrounded: a run of one or two look-alikes with a digit on each side.
      for (let i = from; i < to; ) {
        if (LOOK_ALIKE_DIGIT[codes[i]!] === undefined) {
          i++;
          continue;
        }
        let j = i;
        while (j < to && LOOK_ALIKE_DIGIT[codes[j]!] !== undefined) j++;
        // Digits on both sides, across separators on at most one side: "08l 234" and
        // "0🔥O🔥8" are numbers, "size 10 S 12" is not.
        const attached =
          (i > from && isDigitCode(codes[i - 1]!)) || (j < to && isDigitCode(codes[j]!));
        const spaced = spaceBefore(i) && spaceAfter(j);
        const surrounded = digitBefore(i) && digitAfter(j) && (attached || !spaced);
        if (j - i <= 2 && surrounded) for (let q = i; q < j; q++) convert(q);
        i = j;
      }
    }
  }

  function spaceBefore(i: number): boolean {
    return i > 0 && cls[codes[i - 1]!] === CLS_SPACE;
  }
  function spaceAfter(j: number): boolean {
    return j < n && cls[codes[j]!] === CLS_SPACE;
  }

  /** A digit just before i, or before a short separator run ending at i. */
  function digitBefore(i: number): boolean {
    let q = i - 1;
    while (q >= 0 && i - 1 - q < 3 && isSeparator(q) && codes[q] !== 0x0a) q--;
    return q >= 0 && isDigitCode(codes[q]!);
  }

  /** A digit at j, or after a short separator run starting at j. */
  function digitAfter(j: number): boolean {
    let q = j;
    while (q < n && q - j < 3 && isSeparator(q) && codes[q] !== 0x0a) q++;
    return q < n && isDigitCode(codes[q]!);
  }

  function convert(i: number): void {
    const digit = LOOK_ALIKE_DIGIT[codes[i]!];
    if (digit === undefined) return;
    codes[i] = digit;
    extra[i] = extra[i]! | FOLD.digitLetters;
  }

  interface Item {
    from: number;
    to: number;
    digits: number;
    word: number | undefined;
  }

  /** Number words and digit groups in text order. */
  function numberItems(): Item[] {
    const items: Item[] = [];
    for (const [from, to] of tokens) {
      let allDigits = true;
      for (let i = from; i < to; i++) if (!isDigitCode(codes[i]!)) allDigits = false;
      if (allDigits) {
        items.push({ from, to, digits: to - from, word: undefined });
        continue;
      }
      const first = codes[from]!;
      if (first >= 0x0e01 && first <= 0x0e5b) {
        thaiItems(from, to, items);
        continue;
      }
      const digit = latinDigitWord(String.fromCharCode(...codes.subarray(from, to)));
      if (digit !== undefined) items.push({ from, to, digits: 1, word: digit });
      else items.push({ from, to, digits: 0, word: undefined });
    }
    return items;
  }

  function thaiItems(from: number, to: number, items: Item[]): void {
    const words = thaiDigitWords();
    let other = from;
    for (let i = from; i < to; ) {
      const hit = words.find((w) => matchesAt(i, to, w.word));
      if (!hit) {
        i++;
        continue;
      }
      if (other < i) items.push({ from: other, to: i, digits: 0, word: undefined });
      items.push({ from: i, to: i + hit.word.length, digits: 1, word: hit.digit });
      i += hit.word.length;
      other = i;
    }
    if (other < to) items.push({ from: other, to, digits: 0, word: undefined });
  }

  function matchesAt(i: number, to: number, word: string): boolean {
    if (i + word.length > to) return false;
    for (let k = 0; k < word.length; k++) if (codes[i + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  function readSpelledNumbers(items: Item[]): void {
    let start = 0;
    while (start < items.length) {
      let end = start + 1;
      while (end < items.length && connected(items[end - 1]!, items[end]!)) end++;
      let digits = 0;
      let words = 0;
      for (let k = start; k < end; k++) {
        if (items[k]!.digits === 0) {
          digits = -1;
          break;
        }
        digits += items[k]!.digits;
        if (items[k]!.word !== undefined) words++;
      }
      if (digits >= MIN_SPELLED_DIGITS && words >= MIN_NUMBER_WORDS) {
        for (let k = start; k < end; k++) {
          const item = items[k]!;
          if (item.word === undefined) continue;
          wordEnd[item.from] = item.to;
          wordDigit[item.from] = item.word;
        }
      }
      start = end;
    }
  }

  /** Two number items joined by nothing (Thai) or a short run of separators on one line. */
  function connected(a: Item, b: Item): boolean {
    if (a.digits === 0 || b.digits === 0) return false;
    if (b.from - a.to > MAX_WORD_GAP) return false;
    for (let q = a.to; q < b.from; q++) if (!isSeparator(q) || codes[q] === 0x0a) return false;
    return true;
  }

  function separateGluedNumbers(): void {
    for (const [from, to] of tokens) {
      for (let i = from + 1; i < to; i++) {
        const before = isDigitCode(codes[i - 1]!);
        const here = isDigitCode(codes[i]!);
        if (before === here) continue;
        const word = here ? [from, i] : [i, to];
        const number = here ? i : from;
        if (!isLetter(word[0]!) || word[1]! - word[0]! < 2) continue;
        if (allCapitals(word[0]!, word[1]!)) continue;
        if (chainDigits(number) < MIN_GLUED_DIGITS) continue;
        splitBefore[i] = 1;
      }
    }
  }

  function allCapitals(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (isLetter(i) && !(flags[i]! & BASE_UPPER)) return false;
    return true;
  }

  /** Digits in the number starting at i, across the separators the key will join. */
  function chainDigits(i: number): number {
    let count = 0;
    let q = i;
    while (q < n) {
      if (isDigitCode(codes[q]!)) {
        count++;
        q++;
        continue;
      }
      let r = q;
      while (r < n && r - q < 3 && isSeparator(r)) r++;
      if (r === q || r >= n || !isDigitCode(codes[r]!)) break;
      q = r;
    }
    return count;
  }

  function digitAt(i: number): boolean {
    return i < n && (isDigitCode(codes[i]!) || wordEnd[i]! > i);
  }

  function emit(): KeyBuilder {
    const out = new KeyBuilder(n + 1);
    let lastDigit = false;
    let gap = 0;
    for (let i = 0; i < n; ) {
      if (splitBefore[i]) {
        out.push(GLUE_MARK, starts[i]!, starts[i]!, FOLD.gluedNumber);
        lastDigit = false;
      }
      if (wordEnd[i]! > i) {
        const end = wordEnd[i]!;
        let f = FOLD.digitWords | gap;
        for (let q = i; q < end; q++) f |= folds[q]!;
        out.push(0x30 + wordDigit[i]!, starts[i]!, ends[end - 1]!, f);
        gap = 0;
        lastDigit = true;
        i = end;
        continue;
      }
      if (lastDigit && isSeparator(i)) {
        let j = i;
        let symbols = false;
        while (j < n && isSeparator(j)) {
          if (cls[codes[j]!] === CLS_SYMBOL && !isDigitSeparator(codes[j]!)) symbols = true;
          j++;
        }
        if (digitAt(j) && !splitBefore[j]) {
          gap |= FOLD.spacedDigits | (symbols ? FOLD.emoji : 0);
          i = j;
          continue;
        }
        for (let q = i; q < j; q++) out.push(codes[q]!, starts[q]!, ends[q]!, folds[q]!);
        lastDigit = false;
        i = j;
        continue;
      }
      const u = codes[i]!;
      const glued = splitBefore[i] ? FOLD.gluedNumber : 0;
      out.push(u, starts[i]!, ends[i]!, folds[i]! | extra[i]! | gap | glued, flags[i]!);
      gap = 0;
      lastDigit = isDigitCode(u);
      i++;
    }
    return out;
  }
}
