/**
 * All term lists of a pack in one automaton over the diacritic-free fold key: one pass per
 * field finds every term of every rule. Each distinct folded term is one automaton pattern;
 * its entries say which term rule ("slot") it belongs to, the text key to confirm when the
 * text carries diacritics, and whether it must stand as a whole word.
 *
 * Diacritics depend on the term's language. A Vietnamese term (one given as "vi", or one
 * written with Latin diacritics and no language) matches a text typed without diacritics
 * ("chua khoi ung thu" is "chữa khỏi ung thư"), but a text that carries diacritics must
 * carry the term's exactly, whether the term has marks or not ("chưa" is not "chữa",
 * "ngủ" is not "ngu"). The text segment looked at is the match and up to three words on
 * each side within its sentence: "cam" in "cam kết" is written by someone who types
 * diacritics, so it is not "cấm". A term of another language folds diacritics ("rèplica"
 * is "replica"), except letters only Vietnamese writes (ơ, ư, ă, đ, a hook or a dot below,
 * a tone over â, ê, ô): "mơ" is a Vietnamese word, not Filipino "mo".
 *
 * Hashtags and handles: the index also holds every multi-word term with its spaces removed,
 * valid only inside a hashtag or handle ("#dmtoorder" is "dm to order"). Inside a tag a
 * term of three or more units need not end at a visible word boundary when what is left of
 * the tag splits into the pack's own vocabulary (the words of its terms of three or more
 * letters, no digits), or, for a term of five or more units, is an unknown word of three or
 * more units or a plural "s" ("#replicabags"). Shorter words would split almost anything:
 * "#kolaborasiberbayar" is "ko la bo ra si ber bayar" over a pack's two-letter words.
 */
import { type Automaton, buildAutomaton, scan } from './aho-corasick';
import { FOLD, foldMaskOf } from './fold-ids';
import { isWordUnit } from './key-folds';
import type { NormalisedText } from './normalise';
import { soundLetterHits } from './sound-letters';
import { TEXT_BOUNDARY, TEXT_IN_TAG } from './text-key';

export interface TermEntry {
  slot: number;
  /** A Vietnamese term's text key, to confirm when the text carries diacritics. */
  exact: string | undefined;
  /** Whether exact carries diacritics (a text without them then matched by folding). */
  marked: boolean;
  /** A term of another language: a match on letters only Vietnamese writes is refused. */
  foreign: boolean;
  wholeWord: boolean;
  /** A multi-word term without its spaces: valid only inside a hashtag or handle. */
  joined: boolean;
  /** Folds the entry itself stands for (a term read without its thanthakhat). */
  folds: number;
  /** The term's text key, to tell which Thai spelling variant the text used. */
  text: string;
}

export interface TermIndex {
  readonly automaton: Automaton;
  /** entries[patternId]: the rules a folded term belongs to. */
  readonly entries: ReadonlyArray<readonly TermEntry[]>;
  readonly termCount: number;
  /**
   * The words of the pack's terms (fold key) to split hashtags and handles over: those of
   * MIN_TAG_PIECE units or more without a digit ("vip88" or "888" do not split a tag).
   */
  readonly vocabulary: ReadonlySet<string>;
  readonly longestWord: number;
}

export interface TermToAdd {
  slot: number;
  fold: string;
  text: string;
  sensitive: boolean;
  wholeWord: boolean;
  /** The term's language ("vi", "en"...); undefined: Vietnamese when it has Latin diacritics. */
  language?: string | undefined;
}

const THANTHAKHAT = '\u0E4C';
const THANTHAKHAT_UNIT = 0x0e4c;
const isThai = (u: number) => u >= 0x0e01 && u <= 0x0e5b;
const isThaiConsonant = (u: number) => u >= 0x0e01 && u <= 0x0e2e;
/** เ แ โ ใ ไ: written before the consonant they are pronounced after. */
const isLeadingThaiVowel = (u: number) => u >= 0x0e40 && u <= 0x0e44;

/** Whether text and fold differ in a unit other than Thai (a Latin diacritic). */
function hasLatinDiacritics(text: string, fold: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const u = text.charCodeAt(k);
    if (u !== fold.charCodeAt(k) && !isThai(u)) return true;
  }
  return false;
}

/**
 * Letters only Vietnamese writes (text key, lower case, precomposed): a horn, a breve, a
 * stroke, a hook above or a dot below, a tilde over e, i, u or y, a tone over a circumflex.
 * Shared accents (à á â ã è é ê ì í ò ó ô õ ù ú ý) are not among them.
 */
const VIETNAMESE_LETTERS = 'ăắằẳẵặấầẩẫậếềểễệốồổỗộơớờởỡợưứừửữựđảạẻẹẽỉịĩỏọủụũỳỷỵỹ';
const VIETNAMESE_ONLY = new Set([...VIETNAMESE_LETTERS].map((c) => c.charCodeAt(0)));

/** A term inside a tag this long may leave an unknown word beside it. */
const MIN_TAG_TERM = 5;
const MIN_UNKNOWN_WORD = 3;
/**
 * A term that is not a whole piece of its tag, and a vocabulary word the rest of the tag
 * splits into, are this long at least: the pack holds hundreds of words of one or two
 * letters, over which almost any rest splits ("#kolaborasiberbayar" is not "bỏ").
 */
const MIN_TAG_PIECE = 3;
const MIN_SPLIT_TERM = 3;
const hasDigit = (word: string) => /[0-9]/.test(word);

export function buildTermIndex(terms: readonly TermToAdd[]): TermIndex {
  const idOf = new Map<string, number>();
  const entries: TermEntry[][] = [];
  const vocabulary = new Set<string>();
  const add = (fold: string, entry: TermEntry) => {
    let pid = idOf.get(fold);
    if (pid === undefined) {
      pid = entries.length;
      idOf.set(fold, pid);
      entries.push([]);
    }
    entries[pid]!.push(entry);
  };
  for (const t of terms) {
    // An accent-insensitive term needs no confirmation. A Vietnamese term is confirmed
    // letter for letter where the text carries diacritics (Thai spelling variants differ
    // between text and fold by design and never count as diacritics).
    const marked = hasLatinDiacritics(t.text, t.fold);
    const vietnamese = t.language === undefined ? marked : t.language === 'vi';
    const exact = t.sensitive && vietnamese ? t.text : undefined;
    const entry: TermEntry = {
      slot: t.slot,
      exact,
      marked: exact !== undefined && marked,
      foreign: t.sensitive && !vietnamese,
      wholeWord: t.wholeWord,
      joined: false,
      folds: 0,
      text: t.text,
    };
    add(t.fold, entry);
    if (t.fold.includes(THANTHAKHAT)) {
      // A missing thanthakhat reads the same ("แบรนด" for "แบรนด์").
      const fold = t.fold.replaceAll(THANTHAKHAT, '');
      const text = t.text.replaceAll(THANTHAKHAT, '');
      const thai = { ...entry, exact: undefined, marked: false, folds: FOLD.thaiTone, text };
      if (fold.length > 0) add(fold, thai);
    }
    const words = t.fold.split(' ').filter((w) => w.length >= 2);
    // Filtered here, once, rather than on every vocabulary hit while a tag is split.
    for (const w of words) if (w.length >= MIN_TAG_PIECE && !hasDigit(w)) vocabulary.add(w);
    if (words.length > 1) {
      const fold = t.fold.replaceAll(' ', '');
      const text = t.text.replaceAll(' ', '');
      const joinedExact = exact === undefined ? undefined : text;
      add(fold, { ...entry, exact: joinedExact, joined: true, text });
    }
  }
  let longestWord = 0;
  for (const w of vocabulary) longestWord = Math.max(longestWord, w.length);
  return {
    automaton: buildAutomaton([...idOf.keys()]),
    entries,
    termCount: terms.length,
    vocabulary,
    longestWord,
  };
}

export interface KeyHit {
  slot: number;
  /** Key indices [start, end) in the text/fold key. */
  start: number;
  end: number;
  /** The folds that made it match (fold-ids.ts bits). */
  folds: number;
}

/**
 * The text key equals the term's from start, except where a digit, a symbol or a letter of
 * another script stood for a letter: "h4ng s1êu c4p" has no diacritics to compare on its "4"
 * and "1", nor "ngа vоi" (Cyrillic а, о) on its look-alikes, which matched the fold key
 * already.
 */
const STANDS_FOR_A_LETTER = FOLD.leet | FOLD.lookAlike | FOLD.styled | FOLD.soundLetters;
function sameLetters(codes: Uint16Array, folds: Uint32Array, start: number, expected: string) {
  for (let k = 0; k < expected.length; k++) {
    if (codes[start + k] === expected.charCodeAt(k)) continue;
    if (!(folds[start + k]! & STANDS_FOR_A_LETTER)) return false;
  }
  return true;
}

/**
 * Every (rule slot, key range) where a term of the index occurs in the text, and where one
 * occurs once the Cyrillic letters of a word mixing scripts are read by sound
 * (sound-letters.ts).
 */
export function findTerms(index: TermIndex, text: NormalisedText): KeyHit[] {
  const hits = scanTerms(index, text);
  const sounded = soundLetterHits(text, hits, (alt) => scanTerms(index, alt));
  if (sounded.length === 0) return hits;
  for (const hit of sounded) hits.push(hit);
  // In reading order, as the scan reports them (by end; a stable sort keeps ties' order).
  return hits.sort((a, b) => a.end - b.end);
}

function scanTerms(index: TermIndex, text: NormalisedText): KeyHit[] {
  const hits: KeyHit[] = [];
  const fold = text.fold;
  const length = text.text.length;
  const { codes: textCodes, flags, folds } = text.text;

  /** A word boundary before key unit i (the start of a word may begin at i). */
  const boundaryAt = (i: number) =>
    i <= 0 ||
    i >= length ||
    !isWordUnit(fold[i - 1]!) ||
    !isWordUnit(fold[i]!) ||
    (flags[i]! & TEXT_BOUNDARY) !== 0;
  const inTag = (i: number) => (flags[i]! & TEXT_IN_TAG) !== 0;

  scan(index.automaton, fold, length, (pid, start, end) => {
    const tagged = inTag(start) && inTag(end - 1);
    let diacritics: boolean | undefined;
    for (const entry of index.entries[pid]!) {
      if (entry.joined && !tagged) continue;
      // A term read without its thanthakhat stands for texts that omit it, not for a prefix
      // of the written word ("เบอร" inside "เบอร์").
      if (entry.folds & FOLD.thaiTone && end < length && textCodes[end] === THANTHAKHAT_UNIT) {
        continue;
      }
      // Thai writes a leading vowel (เ แ โ ใ ไ) before the consonant it follows in speech:
      // a term opening on that consonant is inside another syllable ("ทอม" in "เทอม").
      if (
        start > 0 &&
        isLeadingThaiVowel(textCodes[start - 1]!) &&
        isThaiConsonant(textCodes[start]!)
      ) {
        continue;
      }
      let extra = entry.folds | (entry.joined ? FOLD.tagSplit : 0);
      if (entry.wholeWord && !(boundaryAt(start) && boundaryAt(end))) {
        if (!tagged || !splitsInTag(index, text, start, end, boundaryAt)) continue;
        extra |= FOLD.tagSplit;
      }
      if (entry.exact !== undefined) {
        diacritics ??= segmentCarriesDiacritics(textCodes, fold, length, start, end);
        if (diacritics && !sameLetters(textCodes, folds, start, entry.exact)) continue;
        if (!diacritics && entry.marked) extra |= FOLD.noDiacritics;
      } else if (entry.foreign && writesVietnamese(textCodes, start, entry.text)) {
        continue;
      }
      if (thaiVariant(textCodes, start, end, entry.text)) extra |= FOLD.thaiTone;
      hits.push({ slot: entry.slot, start, end, folds: foldMaskOf(folds, start, end) | extra });
    }
  });
  return hits;
}

/** Whether the text from start has a letter only Vietnamese writes where the term has not. */
function writesVietnamese(codes: Uint16Array, start: number, term: string): boolean {
  for (let k = 0; k < term.length; k++) {
    const u = codes[start + k]!;
    if (u !== term.charCodeAt(k) && VIETNAMESE_ONLY.has(u)) return true;
  }
  return false;
}

/** Whether the text key differs from the fold key in [start, end) in a Latin diacritic. */
function carriesDiacritics(text: Uint16Array, fold: Uint16Array, start: number, end: number) {
  // (A leet unit is an ASCII letter on both keys, so it never counts as a diacritic.)
  for (let k = start; k < end; k++) if (text[k] !== fold[k] && !isThai(text[k]!)) return true;
  return false;
}

/** Words on each side of a match whose diacritics show how the writer types. */
const SEGMENT_WORDS = 3;
const endsSentence = (u: number) => u === 0x0a || u === 0x2e || u === 0x21 || u === 0x3f;

/** Whether the match or the words around it in its sentence carry Latin diacritics. */
function segmentCarriesDiacritics(
  text: Uint16Array,
  fold: Uint16Array,
  length: number,
  start: number,
  end: number,
): boolean {
  let left = start;
  for (let words = 0; left > 0 && !endsSentence(text[left - 1]!); left--) {
    if (!isWordUnit(fold[left - 1]!) && isWordUnit(fold[left]!) && ++words > SEGMENT_WORDS) break;
  }
  let right = end;
  for (let words = 0; right < length && !endsSentence(text[right]!); right++) {
    if (!isWordUnit(fold[right]!) && isWordUnit(fold[right - 1]!) && ++words > SEGMENT_WORDS) break;
  }
  return carriesDiacritics(text, fold, left, right);
}

/** Whether the text spells a Thai unit of the term differently in [start, end). */
function thaiVariant(text: Uint16Array, start: number, end: number, term: string): boolean {
  if (term.length !== end - start) return false;
  for (let k = 0; k < term.length; k++) {
    const u = text[start + k]!;
    if (u !== term.charCodeAt(k) && isThai(u)) return true;
  }
  return false;
}

/** Whether a term inside a tag leaves pieces of the tag that read as words. */
function splitsInTag(
  index: TermIndex,
  text: NormalisedText,
  start: number,
  end: number,
  boundaryAt: (i: number) => boolean,
): boolean {
  if (end - start < MIN_SPLIT_TERM) return false;
  const fold = text.fold;
  let left = start;
  while (!boundaryAt(left)) left--;
  let right = end;
  while (!boundaryAt(right)) right++;
  const long = end - start >= MIN_TAG_TERM;
  const piece = (from: number, to: number) => {
    if (from === to) return true;
    const word = String.fromCharCode(...fold.subarray(from, to));
    if (segments(index, word)) return true;
    return long && (to - from >= MIN_UNKNOWN_WORD || word === 's');
  };
  return piece(left, start) && piece(end, right);
}

/** Whether a word splits wholly into vocabulary words (dynamic programming over ends). */
function segments(index: TermIndex, word: string): boolean {
  const n = word.length;
  const reach = new Uint8Array(n + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    if (!reach[i]) continue;
    for (let len = MIN_TAG_PIECE; len <= index.longestWord && i + len <= n; len++) {
      const piece = word.slice(i, i + len);
      if (index.vocabulary.has(piece)) reach[i + len] = 1;
    }
  }
  return reach[n] === 1;
}
