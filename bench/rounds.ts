/**
 * Interleaved rounds for comparisons on a shared machine: every round runs each contender
 * once, in an order that rotates from round to round, so a busy second hits all of them
 * alike; figures are medians over rounds, and every round is printed so a reader can see
 * the spread instead of trusting one number.
 */
export interface Contender {
  name: string;
  /** One timed run; its return value is kept so the work cannot be optimised away. */
  run: () => unknown;
}

export interface RoundsResult {
  /** Per contender, the time of each round in ms (round order). */
  times: Map<string, number[]>;
  median: (name: string) => number;
  /** Median over rounds of time(a) / time(b): the ratio as each round saw it. */
  medianRatio: (a: string, b: string) => number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

let sink: unknown;

export function interleavedRounds(
  label: string,
  rounds: number,
  contenders: readonly Contender[],
  options: { warmUp?: boolean } = {},
): RoundsResult {
  if (rounds < 1) throw new Error(`rounds must be at least 1 (got ${rounds})`);
  if (options.warmUp ?? true) for (const c of contenders) sink = c.run();
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, k) => contenders[(k + r) % contenders.length]!);
    const parts: string[] = [];
    for (const c of order) {
      const start = performance.now();
      sink = c.run();
      const ms = performance.now() - start;
      times.get(c.name)!.push(ms);
      parts.push(`${c.name} ${ms.toFixed(0)} ms`);
    }
    console.log(`  [${label}] round ${r + 1}/${rounds}: ${parts.join(', ')}`);
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return {
    times,
    median: (name) => median(times.get(name) ?? []),
    medianRatio: (a, b) => {
      const ta = times.get(a) ?? [];
      const tb = times.get(b) ?? [];
      return median(ta.map((t, k) => t / tb[k]!));
    },
  };
}
