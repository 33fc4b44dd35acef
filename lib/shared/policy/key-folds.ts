/**
 * One-to-one code-unit folds: leetspeak (text key) and Latin diacritics (fold key). Being
 * one-to-one, a folded key shares its source's offsets.
 *
 * Leetspeak design: we keep two keys instead of guessing from context. The TEXT key folds
 * leet everywhere (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, and l/| →i, since "1" stands
 * for both i and l), and term lists are folded the same way, so "r3pl1ca" meets "replica".
 * The DIGIT key keeps digits as digits (and joins spaced-out digits), so phone-number and
 * national-ID patterns still see "0812345678". A context rule ("leet only inside letter
 * runs") would make a slice's key depend on text outside the slice; two keys do not.
 */
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  l: 'i',
  '|': 'i',
};

let textFold: Uint16Array | undefined;
let accentFold: Uint16Array | undefined;

/** Base key unit -> text key unit (leet and i/l folded); text-key.ts decides where. */
export function textFoldTable(): Uint16Array {
  if (!textFold) {
    textFold = new Uint16Array(0x10000);
    for (let u = 0; u < 0x10000; u++) textFold[u] = u;
    for (const [from, to] of Object.entries(LEET)) textFold[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  return textFold;
}

/**
 * Text key unit -> the fold key: without Latin diacritics ("ế"→"e", "đ"→"d") and with Thai
 * spelling variants folded. The term automaton runs on it; term-index.ts confirms Latin
 * diacritics on the text key when the text carries them.
 */
export function accentFoldTable(): Uint16Array {
  if (!accentFold) {
    accentFold = new Uint16Array(0x10000);
    for (let u = 0; u < 0x10000; u++) accentFold[u] = u;
    const latin = (u: number) => (u >= 0xc0 && u <= 0x24f) || (u >= 0x1e00 && u <= 0x1eff);
    for (let u = 0; u < 0x10000; u++) {
      if (!latin(u)) continue;
      const base = String.fromCharCode(u).normalize('NFD').charCodeAt(0);
      if (base >= 0x61 && base <= 0x7a) accentFold[u] = base === 0x6c ? 0x69 : base;
    }
    accentFold[0x0111] = 0x64; // đ has no decomposition
    accentFold[0x00f8] = 0x6f; // ø
    accentFold[0x0142] = 0x69; // ł -> l, folded to i like every l in the text key
    accentFold[0x0131] = 0x69; // dotless ı
    // Thai written interchangeably: mai taikhu, mai tri and mai chattawa in loanwords
    // ("ก็อป", "ก๊อป", "ก๋อป" are one "copy"), the obsolete ฃ and ฅ for ข and ค. Mai ek and
    // mai tho keep their meaning: ข่าว (news), ข้าว (rice) and ขาว (white) differ.
    accentFold[0x0e47] = 0x0e4a;
    accentFold[0x0e4b] = 0x0e4a;
    accentFold[0x0e03] = 0x0e02;
    accentFold[0x0e05] = 0x0e04;
  }
  return accentFold;
}

/** Letters and digits of scripts that separate words with spaces (for whole-word terms). */
export function isWordUnit(u: number): boolean {
  if (u < 0x80) {
    return (u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a);
  }
  return (
    (u >= 0xc0 && u <= 0x24f && u !== 0xd7 && u !== 0xf7) ||
    (u >= 0x1e00 && u <= 0x1eff) ||
    (u >= 0x370 && u <= 0x52f)
  );
}

/** Separators that may sit between the digits of a spaced-out number: "0 8 1-2 3 4". */
export function isDigitSeparator(u: number): boolean {
  return (
    u === 0x20 ||
    u === 0x2d ||
    u === 0x2e ||
    u === 0x28 ||
    u === 0x29 ||
    u === 0x2f ||
    u === 0x5f ||
    u === 0x2c ||
    u === 0x09 ||
    u === 0x0a ||
    u === 0x0d ||
    u === 0xb7 ||
    u === 0x2022 ||
    u === 0x7e
  );
}

/**
 * Currency signs that stand for a letter when typed inside a word ("k€tum", "pi£",
 * "co¢aine"): € reads e, £ reads l (its shape), ¢ reads c. Only between two Latin letters,
 * so prices ("€5", "50€", "£ 20") keep their signs. ("$" and "@" are leetspeak, folded
 * by the text key everywhere.)
 */
export function symbolLetterOf(u: number): number {
  if (u === 0x20ac) return 0x65;
  if (u === 0xa3) return 0x6c;
  if (u === 0xa2) return 0x63;
  return 0;
}

/** A lower-case Latin letter of the base key (ASCII or with diacritics, Vietnamese too). */
export function isLatinLetter(u: number): boolean {
  return (
    (u >= 0x61 && u <= 0x7a) ||
    (u >= 0xdf && u <= 0x24f && u !== 0xf7) ||
    (u >= 0x1e00 && u <= 0x1eff)
  );
}
