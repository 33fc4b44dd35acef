/**
 * Cyrillic letters read by their sound in a word that mixes them with Latin letters.
 *
 * The base key folds look-alikes by shape (Cyrillic "р" is "p", "с" is "c", "у" is "y").
 * Sellers also write Latin words with Cyrillic letters chosen by sound: "rеплика" (п, л, и,
 * к for p, l, i, k), "рерlіса" (the first "р" for r, the second for p). A word that mixes
 * Latin and Cyrillic letters is a disguise (Russian words are all Cyrillic and are never
 * read this way); when the term scan found nothing in such a word, its Cyrillic letters are
 * also read by sound and the word is scanned again, with a few words around it for terms of
 * several words.
 *
 * A letter whose shape fold is a Latin letter other than its sound (р: p or r, с: c or s,
 * у: y or u, н: h or n, в: b or v, г: r or g, х: x or h, upper-case З: e as a 3, or z)
 * may mean either, so each reading is tried; a letter left Cyrillic by the shape fold (п,
 * л, и, д, lower-case к and м...) reads by sound; "ь" and "ъ" are dropped. Every letter
 * reads as one Latin letter ("х" is h, not kh), so the rewritten key keeps one unit per
 * unit of the key and its offsets into the original text. Bounded: at most
 * MAX_WORDS such words a field, MAX_EITHER letters read both ways a word (a word with more
 * tries only the all-sound and all-shape readings), and the rescan covers the word and
 * CONTEXT_UNITS key units on each side.
 */
import { FOLD } from './fold-ids';
import { accentFoldTable, isWordUnit, textFoldTable } from './key-folds';
import type { MatchKey, NormalisedText } from './normalise';

/** Cyrillic lower-case letter -> the Latin letter it sounds like ("": not sounded). */
const SOUNDS: Record<string, string> = {
  р: 'r',
  в: 'v',
  н: 'n',
  у: 'u',
  с: 's',
  х: 'h',
  и: 'i',
  л: 'l',
  д: 'd',
  г: 'g',
  к: 'k',
  з: 'z',
  п: 'p',
  т: 't',
  м: 'm',
  б: 'b',
  ф: 'f',
  ь: '',
  ъ: '',
};
const DROPPED = -1;

let soundTable: Map<number, number> | undefined;
/** Cyrillic code point (either case) -> text-key unit of its sound, or DROPPED. */
function sounds(): Map<number, number> {
  if (!soundTable) {
    const leet = textFoldTable();
    soundTable = new Map();
    for (const [letter, sound] of Object.entries(SOUNDS)) {
      const unit = sound === '' ? DROPPED : leet[sound.charCodeAt(0)]!;
      soundTable.set(letter.charCodeAt(0), unit);
      soundTable.set(letter.toUpperCase().charCodeAt(0), unit);
    }
  }
  return soundTable;
}

const MAX_WORDS = 16;
const MAX_EITHER = 4;
const CONTEXT_UNITS = 32;

const isCyrillic = (cp: number) => cp >= 0x400 && cp <= 0x52f;
const isLatinLetter = (cp: number) =>
  (cp >= 0x61 && cp <= 0x7a) ||
  (cp >= 0x41 && cp <= 0x5a) ||
  (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) ||
  (cp >= 0x1e00 && cp <= 0x1eff) ||
  (cp >= 0xff21 && cp <= 0xff3a) ||
  (cp >= 0xff41 && cp <= 0xff5a);
const isAsciiLetter = (u: number) => u >= 0x61 && u <= 0x7a;

/** The letters of SOUNDS in either case, to find them in the original text. */
const SOUND_LETTER = new RegExp(
  `[${Object.keys(SOUNDS).join('')}${Object.keys(SOUNDS).join('').toUpperCase()}]`,
  'g',
);

/** A key unit to read by sound: its index and sound, and whether its shape reading stays. */
interface Change {
  unit: number;
  sound: number;
  either: boolean;
}

export interface SoundHit {
  slot: number;
  start: number;
  end: number;
  folds: number;
}

/**
 * Term hits found only by reading Cyrillic letters by sound, in primary key indices.
 * `hits` are the primary scan's (words they touch are not read again); `scanKey` is the
 * term scan to run on a rewritten stretch of the key.
 */
export function soundLetterHits(
  text: NormalisedText,
  hits: ReadonlyArray<{ start: number; end: number }>,
  scanKey: (norm: NormalisedText) => SoundHit[],
): SoundHit[] {
  // Driven by the letters that sound unlike their shape, found by one search of the
  // original text: a text without any (most; a look-alike "а", "е" or "о" reads the same
  // either way) costs that search alone.
  const re = SOUND_LETTER;
  re.lastIndex = 0;
  if (!re.test(text.original)) return [];
  const key = text.text;
  const { length } = key;
  const fold = text.fold;
  const out: SoundHit[] = [];
  const seen = new Set<string>();
  let words = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text.original); m && words < MAX_WORDS; m = re.exec(text.original)) {
    const u = firstUnitAt(key, m.index);
    if (u >= length || key.starts[u] !== m.index || !isWordUnit(fold[u]!)) continue;
    let start = u;
    while (start > 0 && isWordUnit(fold[start - 1]!)) start--;
    let end = u + 1;
    while (end < length && isWordUnit(fold[end]!)) end++;
    // The next search starts after this word: each word is looked at once.
    re.lastIndex = Math.max(re.lastIndex, key.ends[end - 1]!);
    const changes = wordChanges(text, start, end, hits);
    if (!changes) continue;
    words++;
    for (const hit of rescan(text, start, end, changes, scanKey)) {
      const id = `${hit.slot}:${hit.start}:${hit.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(hit);
    }
  }
  re.lastIndex = 0;
  return out;
}

/** The first key unit whose original start is at or after offset. */
function firstUnitAt(key: MatchKey, offset: number): number {
  let lo = 0;
  let hi = key.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The units of word [start, end) to read by sound, or undefined when it is no candidate. */
function wordChanges(
  text: NormalisedText,
  start: number,
  end: number,
  hits: ReadonlyArray<{ start: number; end: number }>,
): Change[] | undefined {
  const { starts, codes } = text.text;
  const table = sounds();
  let latin = false;
  let cyrillic = false;
  const changes: Change[] = [];
  for (let u = start; u < end; u++) {
    const at = starts[u]!;
    // One original character may give several units ("ы" is "bi"): read its first only.
    if (u > start && starts[u - 1] === at) continue;
    const cp = text.original.codePointAt(at)!;
    if (isLatinLetter(cp)) latin = true;
    else if (isCyrillic(cp)) {
      cyrillic = true;
      const sound = table.get(cp);
      if (sound === undefined || (u + 1 < end && starts[u + 1] === at)) continue;
      const shape = codes[u]!;
      if (sound === shape) continue;
      changes.push({ unit: u, sound, either: isAsciiLetter(shape) });
    }
  }
  if (!latin || !cyrillic || changes.length === 0) return undefined;
  for (const h of hits) if (h.start < end && h.end > start) return undefined;
  return changes;
}

/** Scans the word and its surroundings once per reading of its letters. */
function rescan(
  text: NormalisedText,
  wordStart: number,
  wordEnd: number,
  changes: readonly Change[],
  scanKey: (norm: NormalisedText) => SoundHit[],
): SoundHit[] {
  const key = text.text;
  const fold = text.fold;
  // The stretch starts and ends at a word edge, so its edges are boundaries in both keys.
  let lo = Math.max(0, wordStart - CONTEXT_UNITS);
  while (lo > 0 && lo < wordStart && isWordUnit(fold[lo - 1]!)) lo++;
  let hi = Math.min(key.length, wordEnd + CONTEXT_UNITS);
  while (hi < key.length && hi > wordEnd && isWordUnit(fold[hi]!)) hi--;
  const either = changes.filter((c) => c.either);
  const tried = either.length <= MAX_EITHER;
  const readings: number[] = [];
  if (tried) for (let m = 0; m < 1 << either.length; m++) readings.push(m);
  else readings.push(0, -1); // all by sound, all by shape
  const size = hi - lo;
  const codes = new Uint16Array(size);
  const foldCodes = new Uint16Array(size);
  const starts = new Int32Array(size);
  const ends = new Int32Array(size);
  const folds = new Uint32Array(size);
  const flags = new Uint8Array(size);
  const back = new Int32Array(size);
  const accent = accentFoldTable();
  const out: SoundHit[] = [];
  for (const reading of readings) {
    // Bit k of reading set: the k-th letter read both ways keeps its shape.
    const byShape = new Set<number>();
    either.forEach((c, k) => {
      if (reading === -1 || reading & (1 << k)) byShape.add(c.unit);
    });
    let n = 0;
    let c = 0;
    let changed = false;
    let dropped = 0;
    for (let u = lo; u < hi; u++) {
      let unit = key.codes[u]!;
      let unitFolds = key.folds[u]! | dropped;
      dropped = 0;
      while (c < changes.length && changes[c]!.unit < u) c++;
      const change = changes[c]?.unit === u ? changes[c]! : undefined;
      if (change && !byShape.has(u)) {
        changed = true;
        if (change.sound === DROPPED) {
          // A dropped sign is named on the letter before it in the word, else the next.
          if (n > 0 && back[n - 1]! >= wordStart) folds[n - 1] = folds[n - 1]! | FOLD.soundLetters;
          else dropped = FOLD.soundLetters;
          continue;
        }
        unit = change.sound;
        unitFolds |= FOLD.soundLetters;
      }
      codes[n] = unit;
      foldCodes[n] = accent[unit]!;
      starts[n] = key.starts[u]!;
      ends[n] = key.ends[u]!;
      folds[n] = unitFolds;
      flags[n] = key.flags[u]!;
      back[n] = u;
      n++;
    }
    if (!changed) continue; // the shape reading: scanned already
    const alt: MatchKey = { codes, starts, ends, folds, flags, length: n };
    const norm: NormalisedText = {
      original: text.original,
      text: alt,
      fold: foldCodes,
      digits: text.digits,
    };
    for (const hit of scanKey(norm)) {
      if (!(hit.folds & FOLD.soundLetters)) continue;
      out.push({ ...hit, start: back[hit.start]!, end: back[hit.end - 1]! + 1 });
    }
  }
  return out;
}
