/**
 * The text key, what term lists and text patterns see, built from the base key with the
 * folds that need a unit's neighbours:
 *   - leetspeak (key-folds.ts), except "@" or "#" opening a handle or hashtag;
 *   - a currency sign between two Latin letters read as the letter it stands for
 *     ("k€tum" -> "ketum", "dai£y" -> "daiiy" as every l; see symbolLetterOf), while
 *     prices ("€5", "50€", "RM50") keep it;
 *   - emoji, symbols and punctuation between two letters of one word dropped ("rep🔥lica",
 *     "rep.lica"); the word is marked as having a boundary there, so "cheap!replica" still
 *     has "replica" as a whole word. Between two digits nothing is dropped ("1:1", "1.5");
 *   - letters spaced out joined ("r e p l i c a", "r. e. p", "W h a t s A p p"): three or
 *     more one-letter tokens (two beside another spaced-out word: "d m  t o"), at least two
 *     of them letters, separated by short runs of spaces, punctuation or emoji on one line
 *     and without a slash or "&" (which separate two names: "O V O / G o P a y"); letters
 *     dotted out without spaces, "r.e.p.l.i.c.a", are symbols inside a word;
 *   - runs of spaces, line breaks and emoji between words collapse to one space, so a
 *     phrase survives "dm\n\n to  👉 order" (the two words stay two words), and so do
 *     quote marks beside a space ("as 'aroma diffuser' para" reads "as aroma diffuser para");
 *   - Thai: a letter or mark typed three or more times in a row read once ("ปลอมมมม" ->
 *     "ปลอม"), "เเ" typed for "แ" read as "แ" (tone-mark variants and a missing
 *     thanthakhat are folded on the fold key and in the term index, so the text key keeps
 *     Thai words whole for word segmentation);
 *   - hashtags and handles marked, with a boundary at each camel-case hump, for the term
 *     index to split them over the pack's vocabulary (term-index.ts).
 * Dropped units widen a neighbour's original range or are noted as a gap fold, so evidence
 * still covers what the reader saw.
 */
import { BASE_UPPER } from './base-key';
import { FOLD } from './fold-ids';
import { KeyBuilder } from './key-builder';
import { isLatinLetter, symbolLetterOf, textFoldTable } from './key-folds';
import {
  CLS_DIGIT,
  CLS_LETTER,
  CLS_MARK,
  CLS_PUNCT,
  CLS_SPACE,
  CLS_SYMBOL,
  unitClasses,
} from './unicode-tables';

/** Text key flag: a word boundary precedes this unit though the key shows none. */

/** Straight, curly, angle and corner quotes, and the backtick typed for one. */
const QUOTE_MARKS = new Set([
  0x22, 0x27, 0x60, 0xab, 0xbb, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2039, 0x203a,
  0x300c, 0x300d, 0x300e, 0x300f,
]);
const isQuoteMark = (u: number) => QUOTE_MARKS.has(u);

export const TEXT_BOUNDARY = 1;
/** Text key flag: the unit belongs to a hashtag or handle (after its "#" or "@"). */
export const TEXT_IN_TAG = 2;

/** Longest separator between spaced-out letters, in units (" 🔥 " has four). */
const MAX_SPACED_SEPARATOR = 5;
const MIN_SPACED_TOKENS = 3;

const isLeetSymbol = (u: number) => u === 0x40 || u === 0x24 || u === 0x7c;
/**
 * A slash or an ampersand between spaced-out letters separates two names ("O V O / G o P a y",
 * "D A N A & O V O"), as a line break does: the run stops there.
 */
const isListSeparator = (u: number) => u === 0x2f || u === 0x26;
const isThai = (u: number) => u >= 0x0e01 && u <= 0x0e5b;
/** A Thai letter or mark typed this many times in a row is read once. */
const MIN_THAI_REPEAT = 3;
const THAI_SARA_E = 0x0e40;
const THAI_SARA_AE = 0x0e41;

/** The text key of a base key, in a builder reused by the next call. */
export const textKey = makeTextKey();

/**
 * The text key builder. Its helpers close over per-call state and are made once: made per
 * call, their allocation (and, under esbuild's keepNames, naming) cost more than the work.
 */
function makeTextKey(): (base: KeyBuilder) => KeyBuilder {
  const scratch = new KeyBuilder(256);
  let cls: Uint8Array = new Uint8Array(0);
  let leet: Uint16Array = new Uint16Array(0);
  let codes = scratch.codes;
  let starts = scratch.starts;
  let ends = scratch.ends;
  let folds = scratch.folds;
  let flags = scratch.flags;
  let n = 0;
  let out = scratch;

  const classAt = (i: number) => cls[codes[i]!]!;
  const wordish = (i: number) => {
    const k = classAt(i);
    if (k === CLS_LETTER || k === CLS_MARK || k === CLS_DIGIT) return true;
    return isLeetSymbol(codes[i]!) || (k === CLS_SYMBOL && symbolLetterAt(i) !== 0);
  };
  /** The letter a lone currency sign between two Latin letters stands for ("k€tum"), or 0. */
  const symbolLetterAt = (i: number) => {
    const letter = symbolLetterOf(codes[i]!);
    if (letter === 0 || i === 0 || i + 1 >= n) return 0;
    return isLatinLetter(codes[i - 1]!) && isLatinLetter(codes[i + 1]!) ? letter : 0;
  };
  const realLetter = (i: number) => {
    if (i < 0 || i >= n) return false;
    const k = classAt(i);
    return k === CLS_LETTER || k === CLS_MARK;
  };
  const separatorUnit = (i: number) => {
    const k = classAt(i);
    return (k === CLS_SPACE || k === CLS_PUNCT || k === CLS_SYMBOL) && !isLeetSymbol(codes[i]!);
  };
  /** One past a token's first unit and its marks. */
  const tokenEnd = (i: number) => {
    let j = i + 1;
    while (j < n && classAt(j) === CLS_MARK) j++;
    return j;
  };
  /** Whether a run of symbols without spaces from j leads on into a word ("t.o"). */
  const wordGoesOn = (j: number) => {
    let q = j;
    while (q < n && separatorUnit(q) && classAt(q) !== CLS_SPACE) q++;
    return q < n && wordish(q);
  };
  const wordCameBefore = (i: number) => {
    let q = i - 1;
    while (q >= 0 && separatorUnit(q) && classAt(q) !== CLS_SPACE) q--;
    return q >= 0 && wordish(q);
  };
  /** A token of one letter (and its marks) standing alone: "r" in "r e p", not in "t.o". */
  const singleToken = (i: number) => {
    const j = tokenEnd(i);
    return j === n || (!wordish(j) && !wordGoesOn(j));
  };

  let pendingFolds = 0;
  let pendingFlags = 0;
  let tagEnd = -1;
  let previousRunEnd = -1;

  const emit = (i: number, extraFolds = 0, u = codes[i]!) => {
    const inTag = i < tagEnd;
    let unitFlags = pendingFlags | (inTag ? TEXT_IN_TAG : 0);
    if (
      inTag &&
      flags[i]! & BASE_UPPER &&
      i > 0 &&
      !(flags[i - 1]! & BASE_UPPER) &&
      classAt(i - 1) === CLS_LETTER
    ) {
      unitFlags |= TEXT_BOUNDARY; // "#ReplicaBags": a boundary before "B"
    }
    const unitFolds = folds[i]! | pendingFolds | extraFolds;
    pendingFolds = 0;
    pendingFlags = 0;
    const mapped = leet[u]!;
    // Named only beside a letter ("r3plica", not "1:1"), and not for "l", read as "i"
    // everywhere since "1" stands for both.
    const beside = realLetter(i - 1) || realLetter(i + 1);
    const leetFold = mapped !== u && u !== 0x6c && beside ? FOLD.leet : 0;
    out.push(mapped, starts[i]!, ends[i]!, unitFolds | leetFold, unitFlags);
  };

  /** How many times the unit at i repeats from i on. */
  const thaiRepeat = (i: number) => {
    let j = i + 1;
    while (j < n && codes[j] === codes[i]) j++;
    return j - i;
  };

  /**
   * The one-letter tokens of a spaced-out word starting at i, and where the separator after
   * it ends. Its separators hold spaces ("r e p", "r. e. p"; those without, "r.e.p", are
   * symbols inside a word) and are alike: one with a longer run of spaces than the first
   * is the gap between two spaced-out words ("d m   t o").
   */
  const spacedTokens = (i: number): { tokens: number[]; next: number } => {
    const tokens = [i];
    let p = tokenEnd(i);
    let firstRun = -1;
    let next = p;
    for (;;) {
      let q = p;
      let newline = false;
      let run = 0;
      let longest = 0;
      while (q < n && q - p <= MAX_SPACED_SEPARATOR && separatorUnit(q)) {
        if (codes[q] === 0x0a || codes[q] === 0x0d || isListSeparator(codes[q]!)) newline = true;
        run = classAt(q) === CLS_SPACE ? run + 1 : 0;
        longest = Math.max(longest, run);
        q++;
      }
      next = q;
      if (q === p || newline || q - p > MAX_SPACED_SEPARATOR || q >= n || !wordish(q)) break;
      if (longest === 0) break;
      if (firstRun < 0) firstRun = longest;
      else if (longest > firstRun) break;
      if (!singleToken(q)) break;
      tokens.push(q);
      p = tokenEnd(q);
    }
    return { tokens, next };
  };

  const lettersIn = (tokens: readonly number[]) => tokens.filter(realLetter).length;

  /**
   * Tokens of a spaced-out word starting at i, or undefined: three or more tokens, or two
   * ("d m") beside another spaced-out word ("d m  t o  o r d e r"); two of them letters.
   */
  const spacedRun = (i: number): number[] | undefined => {
    if (!singleToken(i) || wordCameBefore(i)) return undefined;
    const { tokens, next } = spacedTokens(i);
    if (tokens.length < 2 || lettersIn(tokens) < 2) return undefined;
    if (tokens.length < MIN_SPACED_TOKENS) {
      const afterPrevious = previousRunEnd === i;
      const beforeNext = next < n && singleToken(next) && spacedTokens(next).tokens.length >= 2;
      if (!afterPrevious && !beforeNext) return undefined;
    }
    previousRunEnd = next;
    return tokens;
  };

  return (base: KeyBuilder): KeyBuilder => {
    cls = unitClasses();
    leet = textFoldTable();
    ({ codes, starts, ends, folds, flags } = base);
    n = base.length;
    out = scratch.reset(n + 1);
    pendingFolds = 0;
    pendingFlags = 0;
    tagEnd = -1;
    previousRunEnd = -1;
    let i = 0;
    while (i < n) {
      const u = codes[i]!;
      if (wordish(i)) {
        const tokenStart = i === 0 || !wordish(i - 1);
        const run = tokenStart && !(i < tagEnd) ? spacedRun(i) : undefined;
        if (run) {
          run.forEach((t, index) => {
            const end = tokenEnd(t);
            for (let j = t; j < end; j++) emit(j, index > 0 && j === t ? FOLD.spacedLetters : 0);
          });
          i = tokenEnd(run[run.length - 1]!);
          continue;
        }
        if (isThai(u) && thaiRepeat(i) >= MIN_THAI_REPEAT) {
          // "ปลอมมมม": one letter, its range covering the repeats. Two in a row are left
          // alone, as Thai writes some doubled letters ("สมมติ").
          const r = thaiRepeat(i);
          emit(i);
          out.absorb(ends[i + r - 1]!, FOLD.repeated);
          i += r;
          continue;
        }
        if (u === THAI_SARA_E && i + 1 < n && codes[i + 1] === THAI_SARA_E) {
          pendingFolds |= folds[i + 1]!;
          out.push(THAI_SARA_AE, starts[i]!, ends[i + 1]!, folds[i]! | pendingFolds, pendingFlags);
          pendingFolds = 0;
          pendingFlags = 0;
          i += 2;
          continue;
        }
        if (u === 0x40 && tokenStart && i + 1 < n && wordish(i + 1)) {
          // "@" opening a word: a handle ("@shop_replica") or a leet "a" ("@d"). The key
          // keeps the leet reading and marks a boundary after it, which serves both.
          emit(i);
          tagEnd = tagEndFrom(i + 1);
          pendingFlags |= TEXT_BOUNDARY;
          i++;
          continue;
        }
        if (classAt(i) === CLS_SYMBOL && !isLeetSymbol(u)) {
          emit(i, FOLD.symbolLetters, symbolLetterAt(i)); // "k€tum"
          i++;
          continue;
        }
        emit(i);
        i++;
        continue;
      }
      if (u === 0x23 && (i === 0 || !wordish(i - 1)) && i + 1 < n && wordish(i + 1)) {
        tagEnd = tagEndFrom(i + 1);
        out.push(u, starts[i]!, ends[i]!, folds[i]! | pendingFolds, pendingFlags);
        pendingFolds = 0;
        pendingFlags = 0;
        i++;
        continue;
      }
      // A run of separators: spaces, punctuation, symbols and emoji.
      // Quote marks beside a space go with it: "as 'aroma diffuser' para" reads as words
      // ("as aroma diffuser para"), as sellers put scare quotes round the word a term names.
      let j = i;
      let spaces = 0;
      let symbols = 0;
      let quotes = 0;
      while (j < n && separatorUnit(j) && (classAt(j) !== CLS_PUNCT || isQuoteMark(codes[j]!))) {
        if (classAt(j) === CLS_SPACE) spaces++;
        else if (isQuoteMark(codes[j]!)) quotes++;
        else symbols++;
        j++;
      }
      if (spaces > 0) {
        let runFolds = 0;
        for (let q = i; q < j; q++) runFolds |= folds[q]!;
        if (j - i > 1 || u !== 0x20) runFolds |= FOLD.spaces;
        if (symbols > 0) runFolds |= FOLD.emoji;
        if (quotes > 0) runFolds |= FOLD.punctuation;
        out.push(0x20, starts[i]!, ends[j - 1]!, runFolds | pendingFolds, pendingFlags);
        pendingFolds = 0;
        pendingFlags = 0;
        i = j;
        continue;
      }
      // No space: punctuation and symbols, dropped when they sit inside a word.
      j = i;
      symbols = 0;
      while (j < n && separatorUnit(j) && classAt(j) !== CLS_SPACE) {
        if (classAt(j) !== CLS_PUNCT) symbols++;
        j++;
      }
      if (j === i) {
        emit(i); // a mark or control with no class of its own
        i++;
        continue;
      }
      const inWord =
        i > 0 && wordish(i - 1) && j < n && wordish(j) && (realLetter(i - 1) || realLetter(j));
      if (inWord) {
        for (let q = i; q < j; q++) pendingFolds |= folds[q]! & FOLD.invisible;
        pendingFolds |= symbols > 0 ? FOLD.emoji : FOLD.punctuation;
        pendingFlags |= TEXT_BOUNDARY;
        i = j;
        continue;
      }
      for (let q = i; q < j; q++) emit(q);
      i = j;
    }
    return out;
  };

  /** One past a tag's last unit: letters, digits and "_", "." or "-" between them. */
  function tagEndFrom(from: number): number {
    let j = from;
    while (j < n) {
      const c = codes[j]!;
      if (wordish(j)) {
        j++;
        continue;
      }
      if ((c === 0x5f || c === 0x2e || c === 0x2d) && j + 1 < n && wordish(j + 1)) {
        j++;
        continue;
      }
      break;
    }
    return j;
  }
}
