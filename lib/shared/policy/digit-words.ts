/**
 * Digits written as words, in the six market languages, for phone numbers spelled out
 * ("zero eight one two ...", "không chín một ...", "ศูนย์แปดหนึ่ง..."). Keys are base-key
 * spellings (lower case; Vietnamese with and without its diacritics). Many of these words
 * are ordinary words too ("ba", "lima", "hai", "dua", "sau"), so the digit key reads them as
 * digits only inside a run that spells a number of phone length (digit-key.ts).
 */
const LATIN_WORDS: ReadonlyArray<readonly [number, string]> = [
  // English
  [0, 'zero oh nil'],
  [1, 'one'],
  [2, 'two'],
  [3, 'three'],
  [4, 'four'],
  [5, 'five'],
  [6, 'six'],
  [7, 'seven'],
  [8, 'eight'],
  [9, 'nine'],
  // Vietnamese (with and without diacritics; "linh"/"lẻ" say zero, "tư"/"tu" four,
  // "lăm"/"lam" five, "mốt" one, "bẩy" seven, as said in phone numbers)
  [0, 'không khong linh lẻ le'],
  [1, 'một mot mốt'],
  [2, 'hai'],
  [3, 'ba'],
  [4, 'bốn bon tư tu'],
  [5, 'năm nam lăm lam'],
  [6, 'sáu sau'],
  [7, 'bảy bay bẩy'],
  [8, 'tám tam'],
  [9, 'chín chin'],
  // Indonesian and Malay
  [0, 'nol kosong sifar'],
  [1, 'satu'],
  [2, 'dua'],
  [3, 'tiga'],
  [4, 'empat'],
  [5, 'lima'],
  [6, 'enam'],
  [7, 'tujuh'],
  [8, 'delapan lapan'],
  [9, 'sembilan'],
  // Filipino / Tagalog and the Spanish-derived numbers said in the Philippines
  [0, 'sero cero wala'],
  [1, 'isa uno'],
  [2, 'dalawa dos'],
  [3, 'tatlo tres'],
  [4, 'apat kwatro kuwatro cuatro'],
  [5, 'singko sinko cinco'],
  [6, 'anim sais seis'],
  [7, 'pito siyete syete siete'],
  [8, 'walo otso ocho'],
  [9, 'siyam nuwebe nwebe nueve'],
];

/** Thai digit words; Thai has no spaces, so they are found by longest match in a run. */
const THAI_WORDS: ReadonlyArray<readonly [number, string]> = [
  [0, 'ศูนย์ ศูนย'],
  [1, 'หนึ่ง หนึง'],
  [2, 'สอง'],
  [3, 'สาม'],
  [4, 'สี่ สี'],
  [5, 'ห้า หา'],
  [6, 'หก'],
  [7, 'เจ็ด เจด'],
  [8, 'แปด'],
  [9, 'เก้า เกา'],
];

let latin: Map<string, number> | undefined;
let latinEnds: Set<number> | undefined;
let latinLongest = 0;
let thaiFirsts: Set<number> | undefined;
let thai: Array<{ word: string; digit: number }> | undefined;

function loadLatin(): Map<string, number> {
  if (!latin) {
    latin = new Map();
    latinEnds = new Set();
    for (const [digit, words] of LATIN_WORDS) {
      for (const raw of words.split(' ')) {
        const w = raw.normalize('NFC');
        latin.set(w, digit);
        latinEnds.add((w.charCodeAt(0) << 16) | w.charCodeAt(w.length - 1));
        latinLongest = Math.max(latinLongest, w.length);
      }
    }
  }
  return latin;
}

/**
 * A cheap test before making a string of a word: its length and first and last units are
 * those of some number word (most words of a text fail it).
 */
export function mayBeDigitWord(codes: Uint16Array, from: number, to: number): boolean {
  loadLatin();
  if (to - from < 2 || to - from > latinLongest) return false;
  return latinEnds!.has((codes[from]! << 16) | codes[to - 1]!);
}

/** The digit a space-separated word stands for, or undefined. */
export function latinDigitWord(word: string): number | undefined {
  return loadLatin().get(word);
}

/** Whether a Thai number word starts with this unit. */
export function thaiWordStarts(unit: number): boolean {
  if (!thaiFirsts) thaiFirsts = new Set(thaiDigitWords().map((w) => w.word.charCodeAt(0)));
  return thaiFirsts.has(unit);
}

/** Thai digit words, longest first (for longest-match at a position). */
export function thaiDigitWords(): ReadonlyArray<{ word: string; digit: number }> {
  if (!thai) {
    thai = [];
    for (const [digit, words] of THAI_WORDS) {
      for (const w of words.split(' ')) thai.push({ word: w.normalize('NFC'), digit });
    }
    thai.sort((a, b) => b.word.length - a.word.length);
  }
  return thai;
}
