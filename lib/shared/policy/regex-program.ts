/** The compiled form of a safe pattern: a Thompson NFA program for the Pike VM. */
import { isWordUnit } from './key-folds';

export const CHAR = 0;
export const CLASS = 1;
export const ANY = 2;
export const SPLIT = 3;
export const JMP = 4;
export const MATCH = 5;
export const ASSERT = 6;
export const ASSERT_KINDS = ['bol', 'eol', 'word', 'notword'] as const;
export const MAX_PROGRAM = 20_000;

export interface SafeRegex {
  readonly source: string;
  readonly ops: Uint8Array;
  readonly arg1: Int32Array;
  readonly arg2: Int32Array;
  readonly classes: ReadonlyArray<{ ranges: Int32Array; negate: boolean }>;
  /** Units a match can start with; undefined when any unit can. */
  readonly firstAscii: Uint8Array | undefined;
  readonly firstRanges: Int32Array | undefined;
  /** Literals one of which every match contains (regex-literals.ts), or undefined. */
  readonly literals?: readonly string[] | undefined;
}

export function inRanges(ranges: Int32Array, u: number): boolean {
  for (let k = 0; k < ranges.length; k += 2)
    if (u >= ranges[k]! && u <= ranges[k + 1]!) return true;
  return false;
}

export const isWord = (u: number) => u === 0x5f || isWordUnit(u);
