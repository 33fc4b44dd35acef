/**
 * The folds the normaliser applies, as stable ids a finding can name ("which folding made
 * it match"). Each key unit carries a bit mask of the folds that produced it; a match's
 * folds are the union over the units it covers.
 *
 * Two kinds of fold: a unit fold changed the unit itself (a look-alike letter, a digit
 * written as a word); a gap fold removed something just before the unit (an emoji between
 * two letters). A gap fold on a match's first unit lies outside the match, so it does not
 * count for that match.
 */
export const FOLD_IDS = [
  'look-alike',
  'styled-letters',
  'invisible',
  'marks',
  'leet',
  'emoji-removed',
  'punctuation-removed',
  'spaced-letters',
  'spaces',
  'digit-letters',
  'digit-words',
  'digit-forms',
  'spaced-digits',
  'glued-number',
  'tag-split',
  'repeated-letters',
  'thai-tone',
  'no-diacritics',
  'edge-digit-letters',
  'symbol-letters',
  'sound-letters',
] as const;

export type FoldId = (typeof FOLD_IDS)[number];

const bitOf = (id: FoldId) => 1 << FOLD_IDS.indexOf(id);

export const FOLD = {
  lookAlike: bitOf('look-alike'),
  styled: bitOf('styled-letters'),
  invisible: bitOf('invisible'),
  marks: bitOf('marks'),
  leet: bitOf('leet'),
  emoji: bitOf('emoji-removed'),
  punctuation: bitOf('punctuation-removed'),
  spacedLetters: bitOf('spaced-letters'),
  spaces: bitOf('spaces'),
  digitLetters: bitOf('digit-letters'),
  digitWords: bitOf('digit-words'),
  digitForms: bitOf('digit-forms'),
  spacedDigits: bitOf('spaced-digits'),
  gluedNumber: bitOf('glued-number'),
  tagSplit: bitOf('tag-split'),
  repeated: bitOf('repeated-letters'),
  thaiTone: bitOf('thai-tone'),
  noDiacritics: bitOf('no-diacritics'),
  edgeDigitLetters: bitOf('edge-digit-letters'),
  symbolLetters: bitOf('symbol-letters'),
  soundLetters: bitOf('sound-letters'),
} as const;

/** Folds that describe a removal before the unit, not the unit itself. */
export const GAP_FOLDS =
  FOLD.invisible | FOLD.emoji | FOLD.punctuation | FOLD.spacedLetters | FOLD.spacedDigits;

/** The folds of key units [start, end): unit folds of all, gap folds of all but the first. */
export function foldMaskOf(folds: Uint32Array, start: number, end: number): number {
  if (end <= start) return 0;
  let mask = folds[start]! & ~GAP_FOLDS;
  for (let k = start + 1; k < end; k++) mask |= folds[k]!;
  return mask >>> 0;
}

/** Fold ids in a mask, in FOLD_IDS order. */
export function foldIdsOf(mask: number): FoldId[] {
  const out: FoldId[] = [];
  for (let b = 0; b < FOLD_IDS.length; b++) if (mask & (1 << b)) out.push(FOLD_IDS[b]!);
  return out;
}
