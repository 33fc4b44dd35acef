/**
 * The Pike VM behind safe-regex.ts: runs all NFA threads in lock step over the key, one
 * thread per instruction at most, leftmost-first (JavaScript-like) priorities.
 */
import { containsAny } from './regex-literals';
import {
  ANY,
  ASSERT,
  CHAR,
  CLASS,
  inRanges,
  isWord,
  JMP,
  MATCH,
  type SafeRegex,
  SPLIT,
} from './regex-program';

interface ThreadList {
  pcs: Int32Array;
  starts: Int32Array;
  count: number;
}

class Vm {
  private readonly mark: Int32Array;
  private gen = 1;
  private readonly stack: Int32Array;
  constructor(
    private readonly re: SafeRegex,
    private readonly codes: Uint16Array,
    private readonly length: number,
  ) {
    this.mark = new Int32Array(re.ops.length);
    this.stack = new Int32Array(re.ops.length * 2 + 2);
  }

  newList(list: ThreadList): number {
    list.count = 0;
    return ++this.gen;
  }

  private assertHolds(kind: number, pos: number): boolean {
    const { codes, length } = this;
    if (kind === 0) return pos === 0;
    if (kind === 1) return pos === length;
    const before = pos > 0 && isWord(codes[pos - 1]!);
    const after = pos < length && isWord(codes[pos]!);
    return kind === 2 ? before !== after : before === after;
  }

  /** Adds pc and its epsilon closure, in priority order, to list at position pos. */
  add(list: ThreadList, gen: number, pc0: number, start: number, pos: number): void {
    const { ops, arg1, arg2 } = this.re;
    const stack = this.stack;
    let top = 0;
    stack[top++] = pc0;
    while (top > 0) {
      const pc = stack[--top]!;
      if (this.mark[pc] === gen) continue;
      this.mark[pc] = gen;
      const op = ops[pc]!;
      if (op === JMP) stack[top++] = arg1[pc]!;
      else if (op === SPLIT) {
        stack[top++] = arg2[pc]!;
        stack[top++] = arg1[pc]!;
      } else if (op === ASSERT) {
        if (this.assertHolds(arg1[pc]!, pos)) stack[top++] = pc + 1;
      } else {
        list.pcs[list.count] = pc;
        list.starts[list.count] = start;
        list.count++;
      }
    }
  }

  private consumes(pc: number, u: number): boolean {
    const op = this.re.ops[pc]!;
    if (op === CHAR) return this.re.arg1[pc] === u;
    if (op === ANY) return u !== 10;
    if (op === CLASS) {
      const cls = this.re.classes[this.re.arg1[pc]!]!;
      return inRanges(cls.ranges, u) !== cls.negate;
    }
    return false;
  }

  private canStart(u: number): boolean {
    const { firstAscii, firstRanges } = this.re;
    if (!firstAscii || !firstRanges) return true;
    return u < 128 ? firstAscii[u] === 1 : inRanges(firstRanges, u);
  }

  search(from: number): [number, number] | undefined {
    const size = this.re.ops.length;
    let clist: ThreadList = { pcs: new Int32Array(size), starts: new Int32Array(size), count: 0 };
    let nlist: ThreadList = { pcs: new Int32Array(size), starts: new Int32Array(size), count: 0 };
    let cgen = this.newList(clist);
    let matched: [number, number] | undefined;
    for (let pos = from; pos <= this.length; pos++) {
      if (!matched) {
        if (clist.count === 0) {
          while (pos < this.length && !this.canStart(this.codes[pos]!)) pos++;
          if (pos >= this.length && this.re.firstAscii) return undefined;
          cgen = this.newList(clist);
        }
        this.add(clist, cgen, 0, pos, pos);
      }
      if (clist.count === 0) {
        // An assertion refused the start here: try the next position (or stop after a match).
        if (matched || pos >= this.length) break;
        continue;
      }
      const ngen = this.newList(nlist);
      const u = pos < this.length ? this.codes[pos]! : -1;
      for (let t = 0; t < clist.count; t++) {
        const pc = clist.pcs[t]!;
        if (this.re.ops[pc] === MATCH) {
          matched = [clist.starts[t]!, pos];
          break;
        }
        if (u >= 0 && this.consumes(pc, u))
          this.add(nlist, ngen, pc + 1, clist.starts[t]!, pos + 1);
      }
      [clist, nlist] = [nlist, clist];
      cgen = ngen;
    }
    return matched;
  }
}

/** The leftmost match at or after from, as key indices [start, end). */
export function searchRegex(
  re: SafeRegex,
  codes: Uint16Array,
  length: number,
  from = 0,
): [number, number] | undefined {
  if (re.literals && !containsAny(codes, from, length, re.literals)) return undefined;
  return new Vm(re, codes, length).search(from);
}

/** Successive non-overlapping matches. */
export function findAllRegex(
  re: SafeRegex,
  codes: Uint16Array,
  length: number,
  limit = 100,
): Array<[number, number]> {
  // No literal every match needs: no match, without running the VM over the key.
  if (re.literals && !containsAny(codes, 0, length, re.literals)) return [];
  const vm = new Vm(re, codes, length);
  const out: Array<[number, number]> = [];
  let from = 0;
  while (from <= length && out.length < limit) {
    const m = vm.search(from);
    if (!m) break;
    out.push(m);
    from = m[1] > m[0] ? m[1] : m[1] + 1;
  }
  return out;
}
