/**
 * A compiled term index kept between service-worker starts. Building it (normalising some
 * eight thousand terms and the automaton) is most of a cold pack load, and it depends only
 * on the pack and the engine release, so the background keeps it keyed by both. What comes
 * back from storage is checked here before use: anything malformed reads as "no cache" and
 * the pack is compiled from scratch.
 *
 * The term entries are stored as columns (StoredTermEntries), not as objects: the structured
 * clone IndexedDB uses reads the starter pack's 25,000 entry objects (2.6 MB) in about 53 ms
 * and its 4.6 MB of automaton typed arrays in 2.4 ms (v8.deserialize, 2026-12-07,
 * BENCHMARKS.md). What costs is the number of objects, not the bytes.
 */
import type { Automaton } from './aho-corasick';
import type { TermEntry, TermIndex } from './term-index';

/** Bumped when the shape of TermIndex, Automaton or the stored entries changes. */
export const TERM_INDEX_FORMAT = 3;

/** TermIndex as stored: entries in columns, rebuilt as objects on read. */
export interface StoredIndexForm {
  automaton: Automaton;
  entries: StoredTermEntries;
  termCount: number;
  vocabulary: ReadonlySet<string>;
  longestWord: number;
}

/** Every TermEntry in pattern order; entries[p] is the next listLength[p] of them. */
export interface StoredTermEntries {
  listLength: Int32Array;
  slot: Int32Array;
  /** FLAG bits. */
  flags: Uint8Array;
  folds: Uint32Array;
  /** Each entry's text, then its exact key if it has one, one after the other. */
  chars: string;
  /** Where entry k's text ends (stringEnds[2k]) and its exact key ends (stringEnds[2k+1]). */
  stringEnds: Int32Array;
}

const FLAG = { marked: 1, foreign: 2, wholeWord: 4, joined: 8, exact: 16 } as const;

export interface StoredTermIndex {
  format: number;
  /** The extension release that built it (normalisation may change between releases). */
  release: string;
  /** packDigest of the pack it was compiled from. */
  digest: string;
  index: StoredIndexForm;
}

/** The form to store an index in (storedTermIndex reads it back). */
export function storedIndexForm(index: TermIndex): StoredIndexForm {
  const n = index.entries.reduce((sum, list) => sum + list.length, 0);
  const listLength = new Int32Array(index.entries.length);
  const slot = new Int32Array(n);
  const flags = new Uint8Array(n);
  const folds = new Uint32Array(n);
  const stringEnds = new Int32Array(2 * n);
  const strings: string[] = [];
  let k = 0;
  let end = 0;
  index.entries.forEach((list, p) => {
    listLength[p] = list.length;
    for (const e of list) {
      slot[k] = e.slot;
      folds[k] = e.folds;
      flags[k] =
        (e.marked ? FLAG.marked : 0) |
        (e.foreign ? FLAG.foreign : 0) |
        (e.wholeWord ? FLAG.wholeWord : 0) |
        (e.joined ? FLAG.joined : 0) |
        (e.exact !== undefined ? FLAG.exact : 0);
      strings.push(e.text);
      stringEnds[2 * k] = end += e.text.length;
      if (e.exact !== undefined) strings.push(e.exact);
      stringEnds[2 * k + 1] = end += e.exact?.length ?? 0;
      k++;
    }
  });
  const chars = strings.join('');
  const { automaton, termCount, vocabulary, longestWord } = index;
  return {
    automaton,
    entries: { listLength, slot, flags, folds, chars, stringEnds },
    termCount,
    vocabulary,
    longestWord,
  };
}

const isInt32 = (v: unknown): v is Int32Array => v instanceof Int32Array;
const isUint16 = (v: unknown): v is Uint16Array => v instanceof Uint16Array;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function validAutomaton(value: unknown): Automaton | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const a = value as Record<string, unknown>;
  const { patternCount, stateCount, classCount } = a;
  if (!isCount(patternCount) || !isCount(stateCount) || !isCount(classCount)) return undefined;
  const int32 = ['rootNext', 'edgeStart', 'edgeTargets', 'fail', 'output', 'dictLink'];
  if (!int32.every((k) => isInt32(a[k])) || !isInt32(a.patternLength) || !isInt32(a.rowOf))
    return undefined;
  if (!isInt32(a.dense) || !isUint16(a.edgeLabels) || !isUint16(a.classOf)) return undefined;
  const perState = ['fail', 'output', 'dictLink', 'rowOf'] as const;
  if (!perState.every((k) => (a[k] as Int32Array).length === stateCount)) return undefined;
  if ((a.patternLength as Int32Array).length !== patternCount) return undefined;
  if ((a.edgeStart as Int32Array).length !== stateCount + 1) return undefined;
  if ((a.edgeLabels as Uint16Array).length !== (a.edgeTargets as Int32Array).length)
    return undefined;
  if ((a.classOf as Uint16Array).length !== 0x10000) return undefined;
  return value as Automaton;
}

/** The entry lists, rebuilt from their columns if these are consistent. */
function entriesOf(value: unknown, patternCount: number): TermEntry[][] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const c = value as Partial<Record<keyof StoredTermEntries, unknown>>;
  const { listLength, slot, flags, folds, chars, stringEnds } = c;
  if (!isInt32(listLength) || !isInt32(slot) || !isInt32(stringEnds)) return undefined;
  if (!(flags instanceof Uint8Array) || !(folds instanceof Uint32Array)) return undefined;
  if (typeof chars !== 'string' || listLength.length !== patternCount) return undefined;
  const n = slot.length;
  if (flags.length !== n || folds.length !== n || stringEnds.length !== 2 * n) return undefined;
  const entries: TermEntry[][] = [];
  let k = 0;
  let at = 0;
  for (let p = 0; p < patternCount; p++) {
    const length = listLength[p]!;
    if (length < 1 || k + length > n) return undefined;
    const list: TermEntry[] = [];
    for (const last = k + length; k < last; k++) {
      const textEnd = stringEnds[2 * k]!;
      const exactEnd = stringEnds[2 * k + 1]!;
      const f = flags[k]!;
      if (slot[k]! < 0 || textEnd < at || exactEnd < textEnd || exactEnd > chars.length)
        return undefined;
      if (!(f & FLAG.exact) && exactEnd !== textEnd) return undefined;
      // The same property order as term-index.ts builds, so every entry shares one shape.
      list.push({
        slot: slot[k]!,
        exact: f & FLAG.exact ? chars.slice(textEnd, exactEnd) : undefined,
        marked: (f & FLAG.marked) !== 0,
        foreign: (f & FLAG.foreign) !== 0,
        wholeWord: (f & FLAG.wholeWord) !== 0,
        joined: (f & FLAG.joined) !== 0,
        folds: folds[k]!,
        text: chars.slice(at, textEnd),
      });
      at = exactEnd;
    }
    entries.push(list);
  }
  return k === n ? entries : undefined;
}

/** The stored index if it is well formed and built for this pack and release. */
export function storedTermIndex(
  value: unknown,
  expected: { digest: string; release: string },
): TermIndex | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stored = value as Partial<StoredTermIndex>;
  if (stored.format !== TERM_INDEX_FORMAT) return undefined;
  if (stored.release !== expected.release || stored.digest !== expected.digest) return undefined;
  const index = stored.index as Partial<StoredIndexForm> | undefined;
  if (!index || typeof index !== 'object') return undefined;
  const automaton = validAutomaton(index.automaton);
  if (!automaton) return undefined;
  const { termCount, vocabulary, longestWord } = index;
  if (!(vocabulary instanceof Set) || !isCount(termCount) || !isCount(longestWord))
    return undefined;
  const entries = entriesOf(index.entries, automaton.patternCount);
  if (!entries) return undefined;
  return { automaton, entries, termCount, vocabulary, longestWord };
}
