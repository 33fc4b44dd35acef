/**
 * A compiled term index kept between service-worker starts. Building it (normalising some
 * eight thousand terms and the automaton) is most of a cold pack load, and it depends only
 * on the pack and the engine release, so the background keeps it keyed by both. What comes
 * back from storage is checked here before use: anything malformed reads as "no cache" and
 * the pack is compiled from scratch.
 */
import type { Automaton } from './aho-corasick';
import type { TermEntry, TermIndex } from './term-index';

/** Bumped when the shape of TermIndex or Automaton changes. */
export const TERM_INDEX_FORMAT = 2;

export interface StoredTermIndex {
  format: number;
  /** The extension release that built it (normalisation may change between releases). */
  release: string;
  /** packDigest of the pack it was compiled from. */
  digest: string;
  index: TermIndex;
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

function validEntry(value: unknown): value is TermEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    isCount(e.slot) &&
    (e.exact === undefined || typeof e.exact === 'string') &&
    typeof e.marked === 'boolean' &&
    typeof e.foreign === 'boolean' &&
    typeof e.wholeWord === 'boolean' &&
    typeof e.joined === 'boolean' &&
    isCount(e.folds) &&
    typeof e.text === 'string'
  );
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
  const index = stored.index as Partial<TermIndex> | undefined;
  if (!index || typeof index !== 'object') return undefined;
  const automaton = validAutomaton(index.automaton);
  if (!automaton || !Array.isArray(index.entries)) return undefined;
  if (index.entries.length !== automaton.patternCount) return undefined;
  if (!index.entries.every((list) => Array.isArray(list) && list.every(validEntry)))
    return undefined;
  if (!(index.vocabulary instanceof Set) || !isCount(index.termCount)) return undefined;
  if (!isCount(index.longestWord)) return undefined;
  return index as TermIndex;
}
