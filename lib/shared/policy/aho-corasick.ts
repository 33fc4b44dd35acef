/**
 * A multi-pattern matcher (Aho-Corasick) over UTF-16 key units: one pass over the text
 * finds every occurrence of thousands of terms. Built into flat typed arrays so matching
 * allocates nothing: the root's transitions are a dense table indexed by code unit (most
 * text steps leave the root), deeper states keep sorted sparse edges, and every state has
 * a failure link and a link to the nearest state on its failure chain that ends a pattern.
 */
export interface AutomatonHit {
  patternId: number;
  /** Key index of the first unit and one past the last. */
  start: number;
  end: number;
}

export interface Automaton {
  readonly patternCount: number;
  readonly stateCount: number;
  readonly rootNext: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeLabels: Uint16Array;
  readonly edgeTargets: Int32Array;
  readonly fail: Int32Array;
  /** Pattern ending at the state, or -1. */
  readonly output: Int32Array;
  /** Nearest state on the failure chain with an output, or -1. */
  readonly dictLink: Int32Array;
  readonly patternLength: Int32Array;
  /** Code unit -> alphabet class (0: in no pattern, so every match restarts). */
  readonly classOf: Uint16Array;
  readonly classCount: number;
  /** Dense DFA rows (all failures resolved) for the shallowest states: rowOf[s] or -1. */
  readonly rowOf: Int32Array;
  readonly dense: Int32Array;
}

/**
 * Dense rows cost classCount x 4 bytes each; shallow states are where scans spend time. A
 * budget of 1 MB holds the root and the first few thousand states (about 2,000 rows for the
 * starter pack's 131 letter classes): in same-process A/B runs the scan was as fast as with
 * 8 MB of rows (2026-12-07, BENCHMARKS.md), and the kept term index (term-index-store.ts)
 * that each service-worker start reads back is half the size.
 */
const DENSE_BUDGET = 1 << 18;

/** Builds the automaton; patterns are key strings, their index is the pattern id. */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // Trie with Map children while building.
  const children: Array<Map<number, number>> = [new Map()];
  const outputs: number[] = [-1];
  patterns.forEach((pattern, id) => {
    if (pattern.length === 0) throw new Error('empty pattern');
    let s = 0;
    for (let k = 0; k < pattern.length; k++) {
      const u = pattern.charCodeAt(k);
      let t = children[s]!.get(u);
      if (t === undefined) {
        t = children.length;
        children.push(new Map());
        outputs.push(-1);
        children[s]!.set(u, t);
      }
      s = t;
    }
    if (outputs[s] === -1) outputs[s] = id;
  });
  const stateCount = children.length;
  // Flatten edges in state order, sorted by label for binary search.
  const edgeStart = new Int32Array(stateCount + 1);
  let edgeTotal = 0;
  for (let s = 0; s < stateCount; s++) {
    edgeStart[s] = edgeTotal;
    edgeTotal += children[s]!.size;
  }
  edgeStart[stateCount] = edgeTotal;
  const edgeLabels = new Uint16Array(edgeTotal);
  const edgeTargets = new Int32Array(edgeTotal);
  for (let s = 0; s < stateCount; s++) {
    const sorted = [...children[s]!.entries()].sort((a, b) => a[0] - b[0]);
    let e = edgeStart[s]!;
    for (const [label, target] of sorted) {
      edgeLabels[e] = label;
      edgeTargets[e] = target;
      e++;
    }
  }
  const rootNext = new Int32Array(0x10000);
  for (const [label, target] of children[0]!) rootNext[label] = target;
  const output = Int32Array.from(outputs);
  const fail = new Int32Array(stateCount);
  const dictLink = new Int32Array(stateCount).fill(-1);
  const automaton: Automaton = {
    patternCount: patterns.length,
    stateCount,
    rootNext,
    edgeStart,
    edgeLabels,
    edgeTargets,
    fail,
    output,
    dictLink,
    patternLength: Int32Array.from(patterns, (p) => p.length),
    classOf: new Uint16Array(0x10000),
    classCount: 1,
    rowOf: new Int32Array(stateCount).fill(-1),
    dense: new Int32Array(0),
  };
  // Breadth-first failure links.
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (const target of children[0]!.values()) queue[tail++] = target;
  while (head < tail) {
    const s = queue[head++]!;
    for (let e = edgeStart[s]!; e < edgeStart[s + 1]!; e++) {
      const label = edgeLabels[e]!;
      const t = edgeTargets[e]!;
      let f = fail[s]!;
      let next = step(automaton, f, label);
      while (next === 0 && f !== 0) {
        f = fail[f]!;
        next = step(automaton, f, label);
      }
      fail[t] = next === t ? 0 : next;
      const ft = fail[t]!;
      dictLink[t] = output[ft]! >= 0 ? ft : dictLink[ft]!;
      queue[tail++] = t;
    }
  }
  return withDenseRows(automaton, queue, tail);
}

/** Adds dense DFA rows for the first states in breadth-first order, within the budget. */
function withDenseRows(a: Automaton, bfs: Int32Array, count: number): Automaton {
  const classOf = new Uint16Array(0x10000);
  let classCount = 1;
  for (let e = 0; e < a.edgeLabels.length; e++) {
    const label = a.edgeLabels[e]!;
    if (classOf[label] === 0) classOf[label] = classCount++;
  }
  for (let label = 0; label < 0x10000; label++) {
    if (a.rootNext[label] !== 0 && classOf[label] === 0) classOf[label] = classCount++;
  }
  const labelOf = new Int32Array(classCount);
  for (let label = 0; label < 0x10000; label++)
    if (classOf[label]) labelOf[classOf[label]!] = label;
  const rows = Math.min(count + 1, Math.floor(DENSE_BUDGET / classCount));
  const rowOf = new Int32Array(a.stateCount).fill(-1);
  const dense = new Int32Array(rows * classCount);
  // Root first, then breadth-first: a state's failure target is shallower, so its row exists.
  for (let r = 0; r < rows; r++) {
    const s = r === 0 ? 0 : bfs[r - 1]!;
    rowOf[s] = r;
    const failRow = s === 0 ? -1 : rowOf[a.fail[s]!]!;
    for (let c = 1; c < classCount; c++) {
      const next = step(a, s, labelOf[c]!);
      dense[r * classCount + c] = next !== 0 || s === 0 ? next : dense[failRow * classCount + c]!;
    }
  }
  return { ...a, classOf, classCount, rowOf, dense };
}

/** The goto function without failure: the child of s on label, or 0 when there is none. */
function step(a: Automaton, s: number, label: number): number {
  if (s === 0) return a.rootNext[label]!;
  let lo = a.edgeStart[s]!;
  let hi = a.edgeStart[s + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = a.edgeLabels[mid]!;
    if (m === label) return a.edgeTargets[mid]!;
    if (m < label) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Calls onHit for every occurrence (overlapping included) of every pattern in codes. */
export function scan(
  a: Automaton,
  codes: Uint16Array,
  length: number,
  onHit: (patternId: number, start: number, end: number) => void,
): void {
  const { edgeStart, edgeLabels, edgeTargets, fail, output, dictLink, patternLength } = a;
  const { classOf, classCount, rowOf, dense } = a;
  let s = 0;
  for (let i = 0; i < length; i++) {
    const label = codes[i]!;
    const cls = classOf[label]!;
    if (cls === 0) {
      s = 0;
      continue;
    }
    for (;;) {
      const row = rowOf[s]!;
      if (row >= 0) {
        s = dense[row * classCount + cls]!;
        break;
      }
      let lo = edgeStart[s]!;
      let hi = edgeStart[s + 1]! - 1;
      let next = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = edgeLabels[mid]!;
        if (m === label) {
          next = edgeTargets[mid]!;
          break;
        }
        if (m < label) lo = mid + 1;
        else hi = mid - 1;
      }
      if (next !== 0) {
        s = next;
        break;
      }
      s = fail[s]!;
    }
    if (s === 0) continue;
    let o = output[s]! >= 0 ? s : dictLink[s]!;
    while (o >= 0) {
      const id = output[o]!;
      onHit(id, i + 1 - patternLength[id]!, i + 1);
      o = dictLink[o]!;
    }
  }
}
