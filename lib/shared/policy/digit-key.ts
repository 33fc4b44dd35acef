/**
 * The digit key, what phone-number and ID patterns see: the base key without leetspeak,
 * where a number written with evasions reads as its digits:
 *   - separators between digits removed ("0 8 1-2 3 4", "081🔥234📞5678" -> "0812345678");
 *   - letters that look like digits read as digits inside numbers: O->0, I/l->1, S->5, B->8,
 *     Z->2 when digits surround them ("08l2 345 678"), or when a token of six or more digits
 *     has only such letters ("O812345678"), but not the two letters of an ID shaped
 *     letter + seven digits + letter ("S9012345I", an NRIC) nor a lone opening letter other
 *     than O ("B1234567", a passport number);
 *   - such letters at the edge of a number ("O9l7 4S6 223l") read as digits when the number
 *     is of phone length (8 to 13 digits and look-alikes, across separators), at least half
 *     its digits are real, at most two look-alikes stand at each edge, and the number is
 *     clearly disguised: a look-alike inside it was already read as a digit, or it opens
 *     with "O" (every local phone number opens with 0). "10L 20L 30L", "3 lbs", "model B2"
 *     and "S8812345D" stay as typed;
 *   - digits standing for letters inside a word read as those letters ("p3mutih 7 h4ri" ->
 *     "pemutih 7 hari"), so patterns on this key see the words around a number;
 *   - a currency sign inside a word read as the letter it stands for ("k€tum", "pi£"; see
 *     symbolLetterOf), so letter patterns see the word;
 *   - digits written as words in the six languages ("zero eight one", "không chín một",
 *     "ศูนย์แปดหนึ่ง"), read as digits only in a run of two or more such words that spells
 *     seven or more digits, so "buy one get one" and "dua" stay words;
 *   - a number of seven or more digits glued to a word ("shop0812345678") is marked off
 *     from it by "_" (see GLUE_MARK), unless the word is in capitals (part and model
 *     numbers: "XR0812345678").
 */
import { BASE_UPPER } from './base-key';
import { latinDigitWord, mayBeDigitWord, thaiDigitWords, thaiWordStarts } from './digit-words';
import { FOLD } from './fold-ids';
import { KeyBuilder } from './key-builder';
import { isDigitSeparator, isLatinLetter, symbolLetterOf } from './key-folds';
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
/** A number whose edge letters read as digits: phone length, in digits and look-alikes. */
const MIN_EDGE_NUMBER = 8;
const MAX_EDGE_NUMBER = 13;
/** Look-alikes at one edge of a number, at most. */
const MAX_EDGE_LOOK_ALIKES = 2;
/** Longest separator run between two groups of one number ("0812 345", "0812 - 345"). */
const MAX_GROUP_GAP = 3;

/** Base unit -> the digit it looks like (0: none): o->0, i/l->1, s->5, b->8, z->2. */
const LOOK_ALIKE_DIGIT = new Uint8Array(0x80);
for (const [letter, digit] of [
  ['o', '0'],
  ['i', '1'],
  ['l', '1'],
  ['s', '5'],
  ['b', '8'],
  ['z', '2'],
]) {
  LOOK_ALIKE_DIGIT[letter!.charCodeAt(0)] = digit!.charCodeAt(0);
}
const lookAlikeDigit = (u: number) => (u < 0x80 ? LOOK_ALIKE_DIGIT[u]! : 0);

/** Digit -> the letter it stands for inside a word (leetspeak, as the text key reads it). */
const LEET_LETTER: Record<number, number> = {
  48: 0x6f, // 0 o
  49: 0x69, // 1 i
  51: 0x65, // 3 e
  52: 0x61, // 4 a
  53: 0x73, // 5 s
  55: 0x74, // 7 t
};

/** Currency codes and signs that open a price written as one token ("RM50", "Rp5O"). */
const CURRENCY_CODES = ['rm', 'rp', 'php', 'p', 'thb', 'sgd', 'usd', 'vnd', 'idr', 'myr', 's'];

/**
 * What separates a glued number from its word: "_", so "shop0812345678" reads
 * "shop_0812345678". Patterns anchor on it ("[a-z_]0..." or "_0...") to see the number,
 * while "\\b0..." patterns do not fire on glued text, whose part and order numbers need
 * the exceptions a glued-number rule carries.
 */
const GLUE_MARK = 0x5f;

const isDigitCode = (u: number) => u >= 0x30 && u <= 0x39;

/** Token kinds: digits only, or digits and look-alike letters only. */
const NUMBER_PLAIN = 1;
const NUMBER_LOOK_ALIKES = 2;

/** Per-unit scratch arrays, reused across calls (grown, never shrunk). */
let scratchSize = 0;
let scratchCodes = new Uint16Array(0);
let scratchExtra = new Uint32Array(0);
let scratchWordEnd = new Int32Array(0);
let scratchWordDigit = new Uint8Array(0);
let scratchSplit = new Uint8Array(0);
let scratchTokens = new Int32Array(0);
let scratchTokenKind = new Uint8Array(0);
const scratchOut = new KeyBuilder(256);

function scratchFor(n: number): void {
  if (n + 1 > scratchSize) {
    scratchSize = Math.max(n + 1, scratchSize * 2, 256);
    scratchCodes = new Uint16Array(scratchSize);
    scratchExtra = new Uint32Array(scratchSize);
    scratchWordEnd = new Int32Array(scratchSize);
    scratchWordDigit = new Uint8Array(scratchSize);
    scratchSplit = new Uint8Array(scratchSize);
    scratchTokens = new Int32Array(scratchSize * 2);
    scratchTokenKind = new Uint8Array(scratchSize);
  }
  scratchExtra.fill(0, 0, n + 1);
  scratchWordEnd.fill(0, 0, n + 1);
  scratchSplit.fill(0, 0, n + 1);
}

/** The digit key of a base key, in a builder reused by the next call. */
export const digitKey = makeDigitKey();

interface Item {
  from: number;
  to: number;
  digits: number;
  word: number | undefined;
}

/**
 * The digit key builder. Its helpers close over per-call state and are made once: made per
 * call, their allocation (and, under esbuild's keepNames, naming) cost more than the work.
 */
function makeDigitKey(): (base: KeyBuilder) => KeyBuilder {
  let cls: Uint8Array = new Uint8Array(0);
  let n = 0;
  let starts: Int32Array = new Int32Array(0);
  let ends: Int32Array = new Int32Array(0);
  let folds: Uint32Array = new Uint32Array(0);
  let flags: Uint8Array = new Uint8Array(0);
  let codes: Uint16Array = new Uint16Array(0);
  let extra: Uint32Array = new Uint32Array(0);
  /** wordEnd[i] > i: base units i..wordEnd[i] are a number word read as wordDigit[i]. */
  let wordEnd: Int32Array = new Int32Array(0);
  let wordDigit: Uint8Array = new Uint8Array(0);
  let splitBefore: Uint8Array = new Uint8Array(0);
  /** Tokens: maximal runs of letters, marks and digits, as (from, to) pairs. */
  let tokenBounds: Int32Array = new Int32Array(0);
  let tokenCount = 0;
  /** Per token: NUMBER_PLAIN or NUMBER_LOOK_ALIKES for digits and look-alikes only, else 0. */
  let tokenKind: Uint8Array = new Uint8Array(0);
  let numbersWithLookAlikes = 0;

  const isLetter = (i: number) => {
    const k = cls[codes[i]!]!;
    return k === CLS_LETTER || k === CLS_MARK;
  };
  const isSeparator = (i: number) => isDigitSeparator(codes[i]!) || cls[codes[i]!] === CLS_SYMBOL;

  return (base: KeyBuilder): KeyBuilder => {
    cls = unitClasses();
    n = base.length;
    ({ starts, ends, folds, flags } = base);
    scratchFor(n);
    codes = scratchCodes;
    codes.set(base.codes.subarray(0, n));
    extra = scratchExtra;
    wordEnd = scratchWordEnd;
    wordDigit = scratchWordDigit;
    splitBefore = scratchSplit;
    tokenBounds = scratchTokens;
    tokenKind = scratchTokenKind;
    tokenCount = 0;
    numbersWithLookAlikes = 0;
    for (let i = 0; i < n; ) {
      if (!tokenUnit(i)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && tokenUnit(j)) j++;
      tokenBounds[tokenCount * 2] = i;
      tokenBounds[tokenCount * 2 + 1] = j;
      tokenCount++;
      i = j;
    }
    readLeetInWords();
    readLookAlikes();
    if (numbersWithLookAlikes > 0) readEdgeLookAlikes();
    readSpelledNumbers(numberItems());
    separateGluedNumbers();
    return emit();
  };

  /**
   * A unit of a token: a letter, mark or digit, or a currency sign between two Latin
   * letters, read here as its letter ("k€tum" is one token, "ketum").
   */
  function tokenUnit(i: number): boolean {
    const k = cls[codes[i]!]!;
    if (k === CLS_LETTER || k === CLS_MARK || k === CLS_DIGIT) return true;
    if (k !== CLS_SYMBOL) return false;
    const letter = symbolLetterOf(codes[i]!);
    if (letter === 0 || i === 0 || i + 1 >= n) return false;
    if (!isLatinLetter(codes[i - 1]!) || extra[i - 1]! & FOLD.symbolLetters) return false;
    if (!isLatinLetter(codes[i + 1]!)) return false;
    codes[i] = letter;
    extra[i] = extra[i]! | FOLD.symbolLetters;
    return true;
  }

  /**
   * Digits standing for letters inside a word ("p3mutih", "h4ri", "dij4min"): each digit
   * has a Latin letter on both sides and the word has more letters than digits, so the
   * patterns that read this key ("7 hari", "whitening in 7 days") see the word. Digits at
   * a word's edge ("mp3", "ps5", "iphone15") and in prices opening with a currency code
   * ("RM5O", "Rp5O") stay digits.
   */
  function readLeetInWords(): void {
    for (let t = 0; t < tokenCount; t++) {
      const from = tokenBounds[t * 2]!;
      const to = tokenBounds[t * 2 + 1]!;
      if (to - from < 4) continue;
      let digits = 0;
      let letters = 0;
      for (let i = from; i < to; i++) {
        if (isDigitCode(codes[i]!)) digits++;
        else if (isLatinLetter(codes[i]!)) letters++;
      }
      if (digits === 0 || letters <= digits || letters < 3) continue;
      if (opensPrice(from, to)) continue;
      for (let i = from + 1; i + 1 < to; i++) {
        const letter = LEET_LETTER[codes[i]!] ?? 0;
        if (letter === 0 || !isLatinLetter(codes[i - 1]!) || !isLatinLetter(codes[i + 1]!))
          continue;
        codes[i] = letter;
        extra[i] = extra[i]! | FOLD.leet;
      }
    }
  }

  /**
   * A token opening with a price: a currency code of two or more letters then a digit
   * ("rm5k", "rp5jt", "php2k"), or "p" or "s" then a number and at most a magnitude
   * ("p500", "s5k"; "p3mutih" is a word).
   */
  function opensPrice(from: number, to: number): boolean {
    for (const code of CURRENCY_CODES) {
      let k = 0;
      while (k < code.length && codes[from + k] === code.charCodeAt(k)) k++;
      if (k < code.length || from + k >= to || !isDigitCode(codes[from + k]!)) continue;
      if (code.length > 1) return true;
      let q = from + k;
      while (q < to && (isDigitCode(codes[q]!) || lookAlikeDigit(codes[q]!) !== 0)) q++;
      if (to - q <= 2) return true; // "k", "m", "jt", "rb"
    }
    return false;
  }

  /**
   * A price opening with a currency code ("rm5o", "rp5o", "p500") in the token from..to:
   * where its number starts, or -1 when the token is a word ("p3mutih").
   */
  function priceNumberAt(from: number, to: number): number {
    for (const code of CURRENCY_CODES) {
      let k = 0;
      while (k < code.length && codes[from + k] === code.charCodeAt(k)) k++;
      if (k < code.length || from + k >= to || !isDigitCode(codes[from + k]!)) continue;
      let q = from + k;
      while (q < to && (isDigitCode(codes[q]!) || lookAlikeDigit(codes[q]!) !== 0)) q++;
      if (q === to) return from + k;
    }
    return -1;
  }

  function readLookAlikes(): void {
    for (let t = 0; t < tokenCount; t++) {
      const from = tokenBounds[t * 2]!;
      const to = tokenBounds[t * 2 + 1]!;
      let digits = 0;
      let letters = 0;
      let lookAlikes = 0;
      for (let i = from; i < to; i++) {
        const u = codes[i]!;
        if (isDigitCode(u)) digits++;
        else if (lookAlikeDigit(u) !== 0) lookAlikes++;
        else letters++;
      }
      // "RM5O": a price's look-alikes read as digits, as in a number ("RM50").
      const price = letters > 0 && lookAlikes > 0 && lookAlikes <= 2 ? priceNumberAt(from, to) : -1;
      if (price >= 0) {
        for (let i = price; i < to; i++) convert(i);
        continue;
      }
      const number = letters === 0 && digits > 0;
      tokenKind[t] = number ? (lookAlikes > 0 ? NUMBER_LOOK_ALIKES : NUMBER_PLAIN) : 0;
      if (lookAlikes === 0) continue;
      if (number) numbersWithLookAlikes++;
      if (
        number &&
        lookAlikes <= 2 &&
        digits >= 6 &&
        !idShaped(from, to, digits) &&
        !documentShaped(from, to, lookAlikes)
      ) {
        for (let i = from; i < to; i++) convert(i);
        continue;
      }
      // Surrounded: a run of one or two look-alikes with a digit on each side.
      for (let i = from; i < to; ) {
        if (lookAlikeDigit(codes[i]!) === 0) {
          i++;
          continue;
        }
        let j = i;
        while (j < to && lookAlikeDigit(codes[j]!) !== 0) j++;
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

  /**
   * One letter, then digits only: a passport or document number ("B1234567", "S12345678"),
   * not a disguised phone number. Only "O" opens a local phone number (every one opens
   * with 0), so "O812345678" is still read; a letter standing for 8 or 5 at the start
   * with nothing else disguised is how documents are numbered, not how numbers hide.
   */
  function documentShaped(from: number, to: number, lookAlikes: number): boolean {
    return (
      lookAlikes === 1 &&
      codes[from] !== 0x6f &&
      lookAlikeDigit(codes[from]!) !== 0 &&
      to - from <= 10
    );
  }

  /** Letter, seven digits, letter: an NRIC or FIN ("S9012345I"), not a disguised number. */
  function idShaped(from: number, to: number, digits: number): boolean {
    return (
      to - from === 9 &&
      digits === 7 &&
      lookAlikeDigit(codes[from]!) !== 0 &&
      lookAlikeDigit(codes[to - 1]!) !== 0
    );
  }

  /** Numbers (tokens of digits and look-alikes joined by short separator runs) in turn. */
  function readEdgeLookAlikes(): void {
    for (let t = 0; t < tokenCount; ) {
      if (tokenKind[t] === 0) {
        t++;
        continue;
      }
      let u = t;
      let disguised = tokenKind[t] === NUMBER_LOOK_ALIKES;
      while (
        u + 1 < tokenCount &&
        tokenKind[u + 1] !== 0 &&
        groupsJoined(tokenBounds[u * 2 + 1]!, tokenBounds[(u + 1) * 2]!)
      ) {
        u++;
        if (tokenKind[u] === NUMBER_LOOK_ALIKES) disguised = true;
      }
      if (disguised) readEdges(t, u);
      t = u + 1;
    }
  }

  /** Two digit groups separated by a short run of separators on one line. */
  function groupsJoined(a: number, b: number): boolean {
    if (b - a > MAX_GROUP_GAP) return false;
    for (let q = a; q < b; q++) if (!isSeparator(q) || codes[q] === 0x0a) return false;
    return true;
  }

  /** Only separators between a and b, which the key drops between two digits. */
  function groupsJoinedAny(a: number, b: number): boolean {
    for (let q = a; q < b; q++) if (!isSeparator(q)) return false;
    return true;
  }

  /** The look-alikes at the edges of the number made of tokens t..u, read as digits. */
  function readEdges(t: number, u: number): void {
    const from = tokenBounds[t * 2]!;
    const to = tokenBounds[u * 2 + 1]!;
    let digits = 0;
    let read = 0;
    let left = 0;
    for (let k = t; k <= u; k++) {
      for (let i = tokenBounds[k * 2]!; i < tokenBounds[k * 2 + 1]!; i++) {
        if (!isDigitCode(codes[i]!)) left++;
        else {
          digits++;
          // Read inside a group, a digit either side ("O9l7"); not "10L 20L", read across
          // a space, which is how sizes are written.
          if (extra[i]! & FOLD.digitLetters && i > from && i + 1 < to) {
            if (realDigit(i - 1) && realDigit(i + 1)) read++;
          }
        }
      }
    }
    if (left === 0) return;
    // Digits the key joins to this number from a neighbouring word ("a00-000o000"): counted,
    // so the number reads the same in any slice of the text that holds it, and no edge
    // there.
    const before = t > 0 ? joinedDigits(t - 1, false) : 0;
    const after = u + 1 < tokenCount ? joinedDigits(u + 1, true) : 0;
    digits += before + after;
    let lead = 0;
    while (lookAlikeDigit(codes[from + lead]!) !== 0) lead++;
    let trail = 0;
    while (lookAlikeDigit(codes[to - 1 - trail]!) !== 0) trail++;
    if (lead > MAX_EDGE_LOOK_ALIKES || trail > MAX_EDGE_LOOK_ALIKES) return;
    // Every look-alike left stands at an edge ("0812 l 345" is not a number with an edge).
    if (lead + trail !== left) return;
    const total = digits + left;
    const real = digits - read;
    if (total < MIN_EDGE_NUMBER || total > MAX_EDGE_NUMBER || real * 2 < total) return;
    if (u === t && idShaped(from, to, digits)) return;
    // Clearly disguised: a look-alike inside a group already read, or "O" opening it.
    if (read === 0 && !(lead > 0 && codes[from] === 0x6f)) return;
    if (before === 0) for (let i = from; i < from + lead; i++) convertEdge(i);
    if (after === 0) for (let i = to - trail; i < to; i++) convertEdge(i);
  }

  /**
   * The digits at the edge of word token k that the key joins to the number beside it (the
   * end of a word before it, the start of one after it), or 0.
   */
  function joinedDigits(k: number, atStart: boolean): number {
    const from = tokenBounds[k * 2]!;
    const to = tokenBounds[k * 2 + 1]!;
    if (
      !groupsJoinedAny(
        atStart ? tokenBounds[(k - 1) * 2 + 1]! : to,
        atStart ? from : tokenBounds[(k + 1) * 2]!,
      )
    )
      return 0;
    let count = 0;
    if (atStart) while (from + count < to && isDigitCode(codes[from + count]!)) count++;
    else while (to - 1 - count >= from && isDigitCode(codes[to - 1 - count]!)) count++;
    return count;
  }

  /** A digit as typed, not a letter read as one. */
  function realDigit(i: number): boolean {
    return isDigitCode(codes[i]!) && !(extra[i]! & (FOLD.digitLetters | FOLD.edgeDigitLetters));
  }

  function convertEdge(i: number): void {
    codes[i] = lookAlikeDigit(codes[i]!);
    extra[i] = extra[i]! | FOLD.edgeDigitLetters;
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
    const digit = lookAlikeDigit(codes[i]!);
    if (digit === 0) return;
    codes[i] = digit;
    extra[i] = extra[i]! | FOLD.digitLetters;
  }

  /**
   * Number words and digit groups in text order (other words are left out: the letters
   * between two items keep them from being connected). Empty unless two words are found.
   */
  function numberItems(): Item[] {
    if (!mayHoldNumberWords()) return [];
    const items: Item[] = [];
    let words = 0;
    for (let t = 0; t < tokenCount; t++) {
      const from = tokenBounds[t * 2]!;
      const to = tokenBounds[t * 2 + 1]!;
      let allDigits = true;
      for (let i = from; i < to; i++) if (!isDigitCode(codes[i]!)) allDigits = false;
      if (allDigits) {
        items.push({ from, to, digits: to - from, word: undefined });
        continue;
      }
      const first = codes[from]!;
      if (first >= 0x0e01 && first <= 0x0e5b) {
        words += thaiItems(from, to, items);
        continue;
      }
      if (!mayBeDigitWord(codes, from, to)) continue;
      const digit = latinDigitWord(String.fromCharCode(...codes.subarray(from, to)));
      if (digit === undefined) continue;
      items.push({ from, to, digits: 1, word: digit });
      words++;
    }
    return words >= MIN_NUMBER_WORDS ? items : [];
  }

  /** A cheap first look: could the text hold two number words at all? */
  function mayHoldNumberWords(): boolean {
    let candidates = 0;
    for (let t = 0; t < tokenCount && candidates < MIN_NUMBER_WORDS; t++) {
      const from = tokenBounds[t * 2]!;
      const to = tokenBounds[t * 2 + 1]!;
      if (codes[from]! >= 0x0e01 && codes[from]! <= 0x0e5b) {
        for (let i = from; i < to && candidates < MIN_NUMBER_WORDS; i++) {
          if (thaiWordStarts(codes[i]!)) candidates++;
        }
      } else if (mayBeDigitWord(codes, from, to)) {
        candidates++;
      }
    }
    return candidates >= MIN_NUMBER_WORDS;
  }

  /** Thai number words in a run (no spaces in Thai), added in order; returns how many. */
  function thaiItems(from: number, to: number, items: Item[]): number {
    const words = thaiDigitWords();
    let found = 0;
    let lastEnd = -1;
    for (let i = from; i < to; ) {
      const hit = thaiWordStarts(codes[i]!)
        ? words.find((w) => matchesAt(i, to, w.word))
        : undefined;
      if (!hit) {
        i++;
        continue;
      }
      if (lastEnd >= 0 && lastEnd < i) {
        // Other Thai letters between two number words: they are not one number.
        items.push({ from: lastEnd, to: i, digits: 0, word: undefined });
      }
      items.push({ from: i, to: i + hit.word.length, digits: 1, word: hit.digit });
      found++;
      i += hit.word.length;
      lastEnd = i;
    }
    return found;
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
    for (let t = 0; t < tokenCount; t++) {
      const from = tokenBounds[t * 2]!;
      const to = tokenBounds[t * 2 + 1]!;
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
    const out = scratchOut.reset(n + 1);
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
