/**
 * The base key: one pass over the original text, per character (a base character with its
 * combining marks): default-ignorables dropped -> NFKC (full-width, circled and math letters
 * and digits) -> UTS #39 confusable skeleton, looked up before and after lower-casing (the
 * upper-case Greek "Η" and Cyrillic "В" are look-alikes of "H" and "B", their lower-case
 * forms "η" and "в" of nothing ASCII) -> Thai and dingbat digits -> ASCII digits.
 * Marks laid over a Latin letter that compose with nothing (strike-through U+0336,
 * underline U+0332, overlays, piles of stacked marks) are dropped; the marks Vietnamese
 * and other Latin orthographies write (a precomposed letter exists) and Thai marks stay.
 * Every unit keeps the original range it came from and the folds that produced it.
 */
import { FOLD } from './fold-ids';
import { KeyBuilder } from './key-builder';
import { confusableOf, digitFormOf, isIgnorable, isMarkUnit } from './unicode-tables';

/** Base unit flag: the original character was upper case (camel-case humps in tags). */
export const BASE_UPPER = 1;

interface Mapped {
  key: string;
  folds: number;
  upper: boolean;
}

const mappedCache = new Map<number, Mapped>();

/** One code point's key text (may be empty or longer than one unit) and its folds. */
export function mapCodePoint(cp: number): Mapped {
  const cached = mappedCache.get(cp);
  if (cached !== undefined) return cached;
  const original = String.fromCodePoint(cp);
  const nfkc = original.normalize('NFKC');
  let folds = 0;
  let key = '';
  for (const ch of nfkc) {
    const c = ch.codePointAt(0)!;
    if (isIgnorable(c)) continue;
    const digit = digitFormOf(c);
    if (digit !== undefined) {
      key += digit;
      folds |= FOLD.digitForms;
      continue;
    }
    const upperSkeleton = confusableOf(c);
    if (upperSkeleton !== undefined) {
      key += upperSkeleton;
      folds |= FOLD.lookAlike;
      continue;
    }
    for (const lower of ch.toLowerCase()) {
      const skeleton = confusableOf(lower.codePointAt(0)!);
      if (skeleton !== undefined) folds |= FOLD.lookAlike;
      key += skeleton ?? lower;
    }
  }
  // NFKC changed the letter's form (full-width, math bold, circled): styled letters.
  if (nfkc !== original && /[\p{L}\p{N}]/u.test(nfkc)) folds |= FOLD.styled;
  const mapped = { key, folds, upper: nfkc !== nfkc.toLowerCase() };
  if (mappedCache.size < 50_000) mappedCache.set(cp, mapped);
  return mapped;
}

const codePointAt = (s: string, i: number) => s.codePointAt(i)!;

const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;

/** A key that reads as Latin: ASCII letters or digits, or Latin letters with diacritics. */
function isLatinKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let k = 0; k < key.length; k++) {
    const u = key.charCodeAt(k);
    const ok =
      (u >= 0x61 && u <= 0x7a) ||
      (u >= 0x30 && u <= 0x39) ||
      (u >= 0xc0 && u <= 0x24f) ||
      (u >= 0x1e00 && u <= 0x1eff);
    if (!ok) return false;
  }
  return true;
}

/** Vietnamese writes at most two marks on a letter (ệ: dot below and circumflex). */
const MAX_LATIN_MARKS = 2;

/** Appends the base key of input[from..to) (one base character and its marks). */
function pushCluster(input: string, from: number, to: number, out: KeyBuilder, gap: number): void {
  const base = codePointAt(input, from);
  const baseMapped = mapCodePoint(base);
  const flags = baseMapped.upper ? BASE_UPPER : 0;
  if (!LETTER.test(String.fromCodePoint(base))) {
    // Marks on digits, spaces and symbols only hide them ("0̶8̶1̶"): dropped from the key,
    // while the base's range covers them so evidence shows what the reader saw.
    if (!isIgnorable(base)) {
      out.pushString(baseMapped.key, from, to, baseMapped.folds | FOLD.marks | gap, flags);
    }
    return;
  }
  const cps: Array<{ cp: number; at: number; width: number }> = [];
  for (let i = from; i < to; ) {
    const cp = codePointAt(input, i);
    const width = cp > 0xffff ? 2 : 1;
    if (!isIgnorable(cp)) cps.push({ cp, at: i, width });
    i += width;
  }
  if (isLatinKey(baseMapped.key)) {
    // The range ends with the last visible mark: a trailing zero-width space is not shown.
    const last = cps[cps.length - 1]!;
    pushLatinCluster(cps, from, last.at + last.width, out, gap | baseMapped.folds, flags);
    return;
  }
  // The longest run of base + marks that NFKC composes into one character keeps one range;
  // every other mark keeps its own, so a match that ends on the base is reported without
  // marks it did not include (a Thai consonant without its tone mark).
  let k = cps.length;
  let head = '';
  for (; k > 1; k--) {
    head = String.fromCodePoint(...cps.slice(0, k).map((c) => c.cp)).normalize('NFKC');
    if ([...head].length === 1) break;
  }
  if (k === 1) head = String.fromCodePoint(base).normalize('NFKC');
  let headKey = '';
  let headFolds = gap;
  for (const ch of head) {
    const m = mapCodePoint(ch.codePointAt(0)!);
    headKey += m.key;
    headFolds |= m.folds;
  }
  const last = cps[k - 1]!;
  out.pushString(headKey, from, last.at + last.width, headFolds, flags);
  const rest = cps.slice(k);
  if (rest.length === 0) return;
  // Remaining marks in canonical order (Thai tone marks typed before or after vowel marks
  // give the same key), found by normalising them on a base that composes with nothing.
  const ordered = `\u25CC${String.fromCodePoint(...rest.map((c) => c.cp))}`.normalize('NFC');
  for (const ch of ordered.slice(1)) {
    const cp = ch.codePointAt(0)!;
    const mark = rest.find((c) => c.cp === cp);
    const at = mark?.at ?? from;
    const m = mapCodePoint(cp);
    out.pushString(m.key, at, mark ? at + mark.width : to, m.folds);
  }
}

/**
 * A Latin letter with marks: the marks that compose into a precomposed letter stay
 * ("e" + U+0302 + U+0301 -> "ế"); the rest are decoration and go, and so do all of them
 * when more are piled on than any orthography writes. One unit range covers the cluster.
 */
function pushLatinCluster(
  cps: ReadonlyArray<{ cp: number; at: number; width: number }>,
  from: number,
  to: number,
  out: KeyBuilder,
  folds: number,
  flags: number,
): void {
  const marks = cps.length - 1;
  const cluster = marks > MAX_LATIN_MARKS ? cps.slice(0, 1) : cps;
  const text = String.fromCodePoint(...cluster.map((c) => c.cp)).normalize('NFKC');
  let headKey = '';
  for (const ch of text) {
    if (MARK.test(ch)) continue; // a mark that composed with nothing
    const m = mapCodePoint(ch.codePointAt(0)!);
    headKey += m.key;
    folds |= m.folds;
  }
  // Marks the letter kept (its decomposed form's marks) against the marks typed.
  const kept = [...headKey.normalize('NFD')].length - [...headKey].length;
  if (marks > kept) folds |= FOLD.marks;
  out.pushString(headKey, from, to, folds, flags);
}

/**
 * A cluster's key units with offsets relative to its start: Thai writes most syllables as
 * a consonant with marks, so the same few hundred clusters come back all the time.
 */
interface ClusterKey {
  codes: number[];
  starts: number[];
  ends: number[];
  folds: number[];
  flags: number[];
}
const clusterCache = new Map<string, ClusterKey>();
const MAX_CACHED_CLUSTERS = 20_000;
const clusterScratch = new KeyBuilder(16);

function pushCachedCluster(
  input: string,
  from: number,
  to: number,
  out: KeyBuilder,
  gap: number,
): void {
  const text = input.slice(from, to);
  let cached = clusterCache.get(text);
  if (!cached) {
    const b = clusterScratch.reset(8);
    pushCluster(text, 0, text.length, b, 0);
    cached = {
      codes: Array.from(b.codes.subarray(0, b.length)),
      starts: Array.from(b.starts.subarray(0, b.length)),
      ends: Array.from(b.ends.subarray(0, b.length)),
      folds: Array.from(b.folds.subarray(0, b.length)),
      flags: Array.from(b.flags.subarray(0, b.length)),
    };
    if (clusterCache.size >= MAX_CACHED_CLUSTERS) clusterCache.clear();
    clusterCache.set(text, cached);
  }
  for (let k = 0; k < cached.codes.length; k++) {
    const folds = cached.folds[k]! | (k === 0 ? gap : 0);
    out.push(
      cached.codes[k]!,
      from + cached.starts[k]!,
      from + cached.ends[k]!,
      folds,
      cached.flags[k]!,
    );
  }
}

/** BMP ignorables that may sit inside a cluster (ZWJ, variation selectors, keycap mark). */
function isIgnorableUnit(u: number): boolean {
  return u >= 0x80 && u <= 0xffff && !(u >= 0xd800 && u <= 0xdfff) && isIgnorable(u);
}

const scratch = new KeyBuilder(256);

/** The base key of input, in a builder reused by the next call. */
export function baseKey(input: string): KeyBuilder {
  const out = scratch.reset(input.length + 16);
  const n = input.length;
  let gap = 0;
  let i = 0;
  while (i < n) {
    const unit = input.charCodeAt(i);
    const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
    if (unit < 0x80 && !isMarkUnit(next) && !isIgnorableUnit(next)) {
      // ASCII fast path: most text, no NFKC needed.
      const upper = unit >= 0x41 && unit <= 0x5a;
      out.push(upper ? unit + 32 : unit, i, i + 1, gap, upper ? BASE_UPPER : 0);
      gap = 0;
      i++;
      continue;
    }
    const width = unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    let end = i + width;
    while (end < n) {
      const u = input.charCodeAt(end);
      if (!isMarkUnit(u) && !isIgnorableUnit(u)) break;
      end++;
    }
    if (end === i + width) {
      const cp = codePointAt(input, i);
      const m = mapCodePoint(cp);
      if (m.key.length === 0) {
        // Zero-width and other invisible characters: noted on the next unit.
        gap |= FOLD.invisible;
      } else {
        out.pushString(m.key, i, end, m.folds | gap, m.upper ? BASE_UPPER : 0);
        gap = 0;
      }
    } else {
      const before = out.length;
      pushCachedCluster(input, i, end, out, gap);
      if (out.length > before) gap = 0;
      // Invisible characters inside the cluster ("p\u200B" in "rep\u200Blica") are noted
      // on the next unit, like those standing alone.
      for (let q = i; q < end; q++) if (isIgnorableUnit(input.charCodeAt(q))) gap |= FOLD.invisible;
    }
    i = end;
  }
  return out;
}
