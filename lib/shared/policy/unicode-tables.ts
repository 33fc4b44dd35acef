/**
 * Lookup tables behind the matching key, built once on first use from the generated Unicode
 * data: UTS #39 confusables, Default_Ignorable_Code_Point, and the class of each BMP code unit
 * (generated from Node's Unicode properties by scripts/gen-unit-classes.ts, so a start does
 * not ask the engine 65,536 times).
 */
import { CONFUSABLE_PAIRS } from './unicode/confusables.generated';
import { DEFAULT_IGNORABLE_RANGES } from './unicode/default-ignorable.generated';
import { decodeUnitClassRuns } from './unicode/unit-class-runs';
import { UNIT_CLASS_RUNS } from './unicode/unit-classes.generated';

let confusables: Map<number, string> | undefined;
let ignorableRanges: Array<[number, number]> | undefined;
let ignorableBmp: Uint8Array | undefined;

export function confusableOf(cp: number): string | undefined {
  if (!confusables) {
    confusables = new Map();
    for (const pair of CONFUSABLE_PAIRS.split(';')) {
      const colon = pair.indexOf(':');
      confusables.set(Number.parseInt(pair.slice(0, colon), 16), pair.slice(colon + 1));
    }
  }
  return confusables.get(cp);
}

function loadIgnorables(): Array<[number, number]> {
  if (!ignorableRanges) {
    ignorableRanges = DEFAULT_IGNORABLE_RANGES.split(',').map((span) => {
      const [a, b] = span.split('-');
      const from = Number.parseInt(a ?? '', 16);
      return [from, b ? Number.parseInt(b, 16) : from];
    });
    ignorableBmp = new Uint8Array(0x10000);
    for (const [from, to] of ignorableRanges) {
      for (let cp = from; cp <= Math.min(to, 0xffff); cp++) ignorableBmp[cp] = 1;
    }
    // Enclosing marks (combining circle, keycap, ...) decorate digits and letters without
    // changing what they say: "1\uFE0F\u20E3" is a keycap 1.
    for (let cp = 0x20dd; cp <= 0x20e4; cp++) ignorableBmp[cp] = 1;
  }
  return ignorableRanges;
}

/** Default-ignorable code points plus enclosing marks: dropped from the key. */
export function isIgnorable(cp: number): boolean {
  const ranges = loadIgnorables();
  if (cp <= 0xffff) return ignorableBmp![cp] === 1;
  for (const [from, to] of ranges) if (cp >= from && cp <= to) return true;
  return false;
}

/** Combining marks (BMP) that attach to the previous base character. */
export function isMarkUnit(unit: number): boolean {
  if (unit < 0x300) return false;
  return unitClasses()[unit] === CLS_MARK;
}

/** Digit forms NFKC leaves alone: Thai digits and the dingbat/double circled digits. */
export function digitFormOf(cp: number): string | undefined {
  if (cp >= 0x0e50 && cp <= 0x0e59) return String(cp - 0x0e50);
  if (cp >= 0x2776 && cp <= 0x2793) return String(((cp - 0x2776) % 10) + 1);
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f5 + 1);
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11);
  if (cp === 0x24ff || cp === 0x1f10b || cp === 0x1f10c) return '0';
  return undefined;
}

/** Classes of base key units, for the folds that look at a unit's neighbours. */
export const CLS_OTHER = 0;
export const CLS_LETTER = 1;
export const CLS_MARK = 2;
export const CLS_DIGIT = 3;
export const CLS_SPACE = 4;
export const CLS_PUNCT = 5;
/** Symbols and emoji (and lone surrogate halves: astral letters were mapped by NFKC). */
export const CLS_SYMBOL = 6;

let classTable: Uint8Array | undefined;

/** Key unit -> class (\p{L}, \p{M}, white space and \p{Z}, \p{P} and \p{Cc}, \p{S} and \p{N}). */
export function unitClasses(): Uint8Array {
  if (!classTable) classTable = decodeUnitClassRuns(UNIT_CLASS_RUNS);
  return classTable;
}
