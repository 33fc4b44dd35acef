/**
 * The matching key: what rules see instead of the raw text. Every key unit remembers the
 * range of original UTF-16 offsets it came from, so a match on the key is reported as a
 * range of the original text.
 *
 * Base key, per character (a base character with its combining marks):
 *   default-ignorables (zero-width, bidi controls, variation selectors) and enclosing marks
 *   dropped -> NFKC (full-width, circled and math letters and digits) -> lower case ->
 *   UTS #39 confusable skeleton of single code points (Cyrillic "а" -> "a") -> Thai and
 *   dingbat digits -> ASCII digits.
 * Three keys derive from it (see key-folds.ts for why there are two leet-wise):
 *   text:   leet folded, diacritics kept (Vietnamese is diacritic-sensitive by default);
 *   fold:   the text key without Latin diacritics (same offsets as text);
 *   digits: no leet; separators between digits removed ("0 8 1-2 3 4" -> "081234").
 */
import { accentFoldTable, isDigitSeparator, textFoldTable } from './key-folds';
import { confusableOf, digitFormOf, isIgnorable, isMarkUnit } from './unicode-tables';

export interface MatchKey {
  /** Key code units; only the first `length` are used. */
  readonly codes: Uint16Array;
  /** starts[i]..ends[i]: the original range key unit i came from. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly length: number;
}

export interface NormalisedText {
  readonly original: string;
  readonly text: MatchKey;
  /** Text key without Latin diacritics; shares text's offsets. */
  readonly fold: Uint16Array;
  readonly digits: MatchKey;
}

const mappedCache = new Map<number, string>();

/** One code point's key text (may be empty or longer than one unit). */
function mapCodePoint(cp: number): string {
  const cached = mappedCache.get(cp);
  if (cached !== undefined) return cached;
  let out = '';
  for (const ch of String.fromCodePoint(cp).normalize('NFKC').toLowerCase()) {
    const c = ch.codePointAt(0)!;
    if (isIgnorable(c)) continue;
    out += digitFormOf(c) ?? confusableOf(c) ?? ch;
  }
  if (mappedCache.size < 50_000) mappedCache.set(cp, out);
  return out;
}

class KeyBuilder {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }
  push(unit: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }
  pushString(text: string, start: number, end: number): void {
    for (let k = 0; k < text.length; k++) this.push(text.charCodeAt(k), start, end);
  }
  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }
}

const codePointAt = (s: string, i: number) => s.codePointAt(i)!;

const LETTER = /^\p{L}$/u;

/** Appends the base key of input[from..to) (one base character and its marks). */
function pushCluster(input: string, from: number, to: number, out: KeyBuilder): void {
  const base = codePointAt(input, from);
  if (!LETTER.test(String.fromCodePoint(base))) {
    // Marks on digits, spaces and symbols only hide them ("0̶8̶1̶"): dropped from the key,
    // while the base's range covers them so evidence shows what the reader saw.
    if (!isIgnorable(base)) out.pushString(mapCodePoint(base), from, to);
    return;
  }
  const cps: Array<{ cp: number; at: number; width: number }> = [];
  for (let i = from; i < to; ) {
    const cp = codePointAt(input, i);
    const width = cp > 0xffff ? 2 : 1;
    if (!isIgnorable(cp)) cps.push({ cp, at: i, width });
    i += width;
  }
  // The longest run of base + marks that NFKC composes into one character keeps one range
  // ("e" + acute -> "é"); every other mark keeps its own, so a match that ends on the base
  // is reported without marks it did not include (a Thai consonant without its tone mark).
  let k = cps.length;
  let head = '';
  for (; k > 1; k--) {
    head = String.fromCodePoint(...cps.slice(0, k).map((c) => c.cp)).normalize('NFKC');
    if ([...head].length === 1) break;
  }
  if (k === 1) head = String.fromCodePoint(base).normalize('NFKC');
  let headKey = '';
  for (const ch of head) headKey += mapCodePoint(ch.codePointAt(0)!);
  const last = cps[k - 1]!;
  out.pushString(headKey, from, last.at + last.width);
  const rest = cps.slice(k);
  if (rest.length === 0) return;
  // Remaining marks in canonical order (Thai tone marks typed before or after vowel marks
  // give the same key), found by normalising them on a base that composes with nothing.
  const ordered = `\u25CC${String.fromCodePoint(...rest.map((c) => c.cp))}`.normalize('NFC');
  for (const ch of ordered.slice(1)) {
    const cp = ch.codePointAt(0)!;
    const mark = rest.find((c) => c.cp === cp);
    const at = mark?.at ?? from;
    out.pushString(mapCodePoint(cp), at, mark ? at + mark.width : to);
  }
}

function baseKey(input: string): KeyBuilder {
  const out = new KeyBuilder(input.length + 16);
  const n = input.length;
  let i = 0;
  while (i < n) {
    const unit = input.charCodeAt(i);
    const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
    if (unit < 0x80 && !isMarkUnit(next) && !isIgnorableUnit(next)) {
      // ASCII fast path: most text, no NFKC needed.
      out.push(unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit, i, i + 1);
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
      if (!isIgnorable(cp)) out.pushString(mapCodePoint(cp), i, end);
    } else {
      pushCluster(input, i, end, out);
    }
    i = end;
  }
  return out;
}

/** BMP ignorables that may sit inside a cluster (ZWJ, variation selectors, keycap mark). */
function isIgnorableUnit(u: number): boolean {
  return u >= 0x80 && u <= 0xffff && !(u >= 0xd800 && u <= 0xdfff) && isIgnorable(u);
}

function digitKey(base: KeyBuilder): MatchKey {
  const out = new KeyBuilder(base.length + 1);
  const { codes, starts, ends, length } = base;
  const isDigit = (u: number | undefined) => u !== undefined && u >= 0x30 && u <= 0x39;
  let i = 0;
  while (i < length) {
    const u = codes[i]!;
    if (!isDigitSeparator(u)) {
      out.push(u, starts[i]!, ends[i]!);
      i++;
      continue;
    }
    let j = i;
    while (j < length && isDigitSeparator(codes[j]!)) j++;
    const joins = i > 0 && isDigit(codes[i - 1]) && j < length && isDigit(codes[j]);
    if (!joins) for (let k = i; k < j; k++) out.push(codes[k]!, starts[k]!, ends[k]!);
    i = j;
  }
  return out;
}

export function normalise(input: string): NormalisedText {
  const base = baseKey(input);
  const digits = digitKey(base);
  const textTable = textFoldTable();
  const accentTable = accentFoldTable();
  const n = base.length;
  const text = new Uint16Array(n);
  const fold = new Uint16Array(n);
  const baseCodes = base.codes;
  for (let k = 0; k < n; k++) {
    const t = textTable[baseCodes[k]!]!;
    text[k] = t;
    fold[k] = accentTable[t]!;
  }
  return {
    original: input,
    text: { codes: text, starts: base.starts, ends: base.ends, length: n },
    fold,
    digits,
  };
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
