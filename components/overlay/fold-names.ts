/**
 * Catalogue keys for the fold ids a finding names (lib/shared/policy/fold-ids.ts), so the
 * card can say in the reviewer's language which folding made the evidence match.
 */
import type { MessageKey } from '@/lib/i18n/keys';

const FOLD_MESSAGES: Record<string, MessageKey> = {
  'look-alike': 'foldLookAlike',
  'styled-letters': 'foldStyledLetters',
  invisible: 'foldInvisible',
  marks: 'foldMarks',
  leet: 'foldLeet',
  'emoji-removed': 'foldEmojiRemoved',
  'punctuation-removed': 'foldPunctuationRemoved',
  'spaced-letters': 'foldSpacedLetters',
  spaces: 'foldSpaces',
  'digit-letters': 'foldDigitLetters',
  'digit-words': 'foldDigitWords',
  'digit-forms': 'foldDigitForms',
  'spaced-digits': 'foldSpacedDigits',
  'glued-number': 'foldGluedNumber',
  'tag-split': 'foldTagSplit',
  'repeated-letters': 'foldRepeatedLetters',
  'thai-tone': 'foldThaiTone',
  'no-diacritics': 'foldNoDiacritics',
  'edge-digit-letters': 'foldEdgeDigitLetters',
  'symbol-letters': 'foldSymbolLetters',
  'sound-letters': 'foldSoundLetters',
};

/** The catalogue key of a fold id, or undefined for an id this build does not know. */
export function foldMessageKey(id: string): MessageKey | undefined {
  return Object.hasOwn(FOLD_MESSAGES, id) ? FOLD_MESSAGES[id] : undefined;
}
