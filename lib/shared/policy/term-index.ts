/**
 * All term lists of a pack in one automaton over the diacritic-free fold key: one pass per
 * field finds every term of every rule. Each distinct folded term is one automaton pattern;
 * its entries say which term rule ("slot") it belongs to, whether it must also match with
 * its diacritics (checked on the text key, which shares the fold key's offsets) and whether
 * it must stand as a whole word.
 */
import { type Automaton, buildAutomaton, scan } from './aho-corasick';
import { isWordUnit } from './key-folds';
import type { NormalisedText } from './normalise';

export interface TermEntry {
  slot: number;
  /** The text key to confirm (diacritic-sensitive terms), or undefined. */
  exact: string | undefined;
  wholeWord: boolean;
}

export interface TermIndex {
  readonly automaton: Automaton;
  /** entries[patternId]: the rules a folded term belongs to. */
  readonly entries: ReadonlyArray<readonly TermEntry[]>;
  readonly termCount: number;
}

export interface TermToAdd {
  slot: number;
  fold: string;
  text: string;
  sensitive: boolean;
  wholeWord: boolean;
}

export function buildTermIndex(terms: readonly TermToAdd[]): TermIndex {
  const idOf = new Map<string, number>();
  const entries: TermEntry[][] = [];
  for (const t of terms) {
    let pid = idOf.get(t.fold);
    if (pid === undefined) {
      pid = entries.length;
      idOf.set(t.fold, pid);
      entries.push([]);
    }
    // An accent-insensitive term needs no confirmation; exact text equal to fold neither.
    const exact = t.sensitive && t.text !== t.fold ? t.text : undefined;
    entries[pid]!.push({ slot: t.slot, exact, wholeWord: t.wholeWord });
  }
  return { automaton: buildAutomaton([...idOf.keys()]), entries, termCount: terms.length };
}

export interface KeyHit {
  slot: number;
  /** Key indices [start, end) in the text/fold key. */
  start: number;
  end: number;
}

function sameUnits(codes: Uint16Array, start: number, expected: string): boolean {
  for (let k = 0; k < expected.length; k++) {
    if (codes[start + k] !== expected.charCodeAt(k)) return false;
  }
  return true;
}

/** Every (rule slot, key range) where a term of the index occurs in the text. */
export function findTerms(index: TermIndex, text: NormalisedText): KeyHit[] {
  const hits: KeyHit[] = [];
  const fold = text.fold;
  const length = text.text.length;
  const textCodes = text.text.codes;
  scan(index.automaton, fold, length, (pid, start, end) => {
    const entries = index.entries[pid]!;
    const leftWord = start > 0 && isWordUnit(fold[start - 1]!) && isWordUnit(fold[start]!);
    const rightWord = end < length && isWordUnit(fold[end]!) && isWordUnit(fold[end - 1]!);
    for (const entry of entries) {
      if (entry.wholeWord && (leftWord || rightWord)) continue;
      if (entry.exact !== undefined && !sameUnits(textCodes, start, entry.exact)) continue;
      hits.push({ slot: entry.slot, start, end });
    }
  });
  return hits;
}
