/**
 * Linear-time patterns. We do not hand pack patterns to the backtracking RegExp engine:
 * they are parsed (regex-parse.ts refuses backreferences and lookaround) and compiled to a
 * Thompson NFA run by a Pike VM, which keeps at most one thread per program instruction, so
 * a search costs O(text length x program size) whatever the pattern: `(a+)+$`, `(a|a)*b`
 * and friends cannot hang. The program size is capped, and patterns that can match the
 * empty text are refused (they would report a finding everywhere).
 */
import { PatternError, parseRegex, type RegexNode } from './regex-parse';
import {
  ANY,
  ASSERT,
  ASSERT_KINDS,
  CHAR,
  CLASS,
  JMP,
  MATCH,
  MAX_PROGRAM,
  type SafeRegex,
  SPLIT,
} from './regex-program';

export { findAllRegex, searchRegex } from './pike-vm';

import { requiredLiterals } from './regex-literals';

export type { SafeRegex };
export { PatternError };

export function compileRegex(source: string): SafeRegex {
  const ast = parseRegex(source);
  const ops: number[] = [];
  const arg1: number[] = [];
  const arg2: number[] = [];
  const classes: Array<{ ranges: Int32Array; negate: boolean }> = [];
  const emit = (op: number, a = 0, b = 0) => {
    if (ops.length >= MAX_PROGRAM) throw new PatternError('pattern too large');
    ops.push(op);
    arg1.push(a);
    arg2.push(b);
    return ops.length - 1;
  };
  const gen = (node: RegexNode): void => {
    switch (node.type) {
      case 'char':
        emit(CHAR, node.code);
        return;
      case 'any':
        emit(ANY);
        return;
      case 'class':
        classes.push({ ranges: Int32Array.from(node.ranges), negate: node.negate });
        emit(CLASS, classes.length - 1);
        return;
      case 'assert':
        emit(ASSERT, ASSERT_KINDS.indexOf(node.kind));
        return;
      case 'concat':
        for (const item of node.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.items.forEach((item, k) => {
          if (k < node.items.length - 1) {
            const split = emit(SPLIT);
            arg1[split] = split + 1;
            gen(item);
            jumps.push(emit(JMP));
            arg2[split] = ops.length;
          } else gen(item);
        });
        for (const j of jumps) arg1[j] = ops.length;
        return;
      }
      case 'repeat': {
        for (let k = 0; k < node.min; k++) gen(node.item);
        if (node.max === Infinity) {
          const split = emit(SPLIT);
          gen(node.item);
          emit(JMP, split);
          setSplit(split, split + 1, ops.length, node.lazy);
        } else {
          const splits: number[] = [];
          for (let k = node.min; k < node.max; k++) {
            splits.push(emit(SPLIT));
            gen(node.item);
          }
          for (const s of splits) setSplit(s, s + 1, ops.length, node.lazy);
        }
        return;
      }
    }
  };
  const setSplit = (at: number, body: number, exit: number, lazy: boolean) => {
    arg1[at] = lazy ? exit : body;
    arg2[at] = lazy ? body : exit;
  };
  gen(ast);
  emit(MATCH);
  const regex: SafeRegex = {
    source,
    ops: Uint8Array.from(ops),
    arg1: Int32Array.from(arg1),
    arg2: Int32Array.from(arg2),
    classes,
    firstAscii: undefined,
    firstRanges: undefined,
  };
  return { ...regex, ...firstSetOf(regex), literals: requiredLiterals(ast) };
}

/** The units that can start a match, or undefined; refuses empty-matching patterns. */
function firstSetOf(re: SafeRegex): Pick<SafeRegex, 'firstAscii' | 'firstRanges'> {
  const seen = new Uint8Array(re.ops.length);
  const stack = [0];
  const ranges: number[] = [];
  let anything = false;
  while (stack.length > 0) {
    const pc = stack.pop()!;
    if (seen[pc]) continue;
    seen[pc] = 1;
    const op = re.ops[pc]!;
    if (op === MATCH) throw new PatternError('pattern can match empty text');
    if (op === JMP) stack.push(re.arg1[pc]!);
    else if (op === SPLIT) stack.push(re.arg1[pc]!, re.arg2[pc]!);
    else if (op === ASSERT) stack.push(pc + 1);
    else if (op === CHAR) ranges.push(re.arg1[pc]!, re.arg1[pc]!);
    else if (op === CLASS && !re.classes[re.arg1[pc]!]!.negate) {
      ranges.push(...re.classes[re.arg1[pc]!]!.ranges);
    } else anything = true;
  }
  if (anything) return { firstAscii: undefined, firstRanges: undefined };
  const firstAscii = new Uint8Array(128);
  for (let k = 0; k < ranges.length; k += 2) {
    for (let u = ranges[k]!; u <= Math.min(ranges[k + 1]!, 127); u++) firstAscii[u] = 1;
  }
  return { firstAscii, firstRanges: Int32Array.from(ranges) };
}
