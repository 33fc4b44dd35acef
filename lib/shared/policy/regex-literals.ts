/**
 * A literal prefilter for patterns: from the parsed pattern, a few strings at least one of
 * which every match contains. A key holding none of them cannot match, so the Pike VM is not
 * run over it (long alternations like the health-claim amounts cost most of evaluate()).
 * The analysis is conservative: anything it cannot reason about requires nothing.
 */
import type { RegexNode } from './regex-parse';

/** More alternatives than this cost more to look for than they save. */
const MAX_LITERALS = 32;

type Need = readonly string[] | undefined;

/** Prefers the requirement whose shortest literal is longest, then the fewest literals. */
function better(a: Need, b: Need): Need {
  if (!a) return b;
  if (!b) return a;
  const shortest = (n: readonly string[]) => Math.min(...n.map((s) => s.length));
  const d = shortest(a) - shortest(b);
  if (d !== 0) return d > 0 ? a : b;
  return a.length <= b.length ? a : b;
}

function need(node: RegexNode): Need {
  switch (node.type) {
    case 'char':
      return [String.fromCharCode(node.code)];
    case 'repeat':
      return node.min >= 1 ? need(node.item) : undefined;
    case 'alt': {
      const all = new Set<string>();
      for (const item of node.items) {
        const n = need(item);
        if (!n) return undefined;
        for (const s of n) all.add(s);
        if (all.size > MAX_LITERALS) return undefined;
      }
      return [...all];
    }
    case 'concat': {
      // Runs of adjacent characters are one literal; otherwise the best single item's need.
      let best: Need;
      let run = '';
      for (const item of node.items) {
        if (item.type === 'char') {
          run += String.fromCharCode(item.code);
          continue;
        }
        if (run) best = better(best, [run]);
        run = '';
        // Any other item (even a zero-width assertion) ends the run: simple and safe.
        best = better(best, need(item));
      }
      if (run) best = better(best, [run]);
      return best;
    }
    default:
      return undefined;
  }
}

/** Literals one of which every match contains, or undefined when none can be said. */
export function requiredLiterals(ast: RegexNode): string[] | undefined {
  const n = need(ast);
  if (!n || n.length === 0 || n.some((s) => s.length === 0)) return undefined;
  // A literal containing another is found only where the shorter one is: look for the
  // shorter alone ("a week" goes when "week" is there).
  return n.filter((s) => !n.some((t) => t !== s && s.includes(t)));
}

/** Whether codes[from, length) contains any of the literals. */
export function containsAny(
  codes: Uint16Array,
  from: number,
  length: number,
  literals: readonly string[],
): boolean {
  const view = codes.subarray(0, length);
  for (const literal of literals) {
    const first = literal.charCodeAt(0);
    const last = length - literal.length;
    for (let i = view.indexOf(first, from); i !== -1 && i <= last; i = view.indexOf(first, i + 1)) {
      let k = 1;
      while (k < literal.length && view[i + k] === literal.charCodeAt(k)) k++;
      if (k === literal.length) return true;
    }
  }
  return false;
}
