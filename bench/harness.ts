/**
 * The benchmark harness behind `npm run bench`. Every figure is reported beside a baseline
 * measured in the same run on the same machine, because a ratio survives a noisy machine
 * and an absolute time does not.
 */
export interface Figure {
  /** What was measured, e.g. "policy match, starter + 10k terms". */
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is read against. */
  baseline?: { name: string; value: number };
  /** true when a larger value is better (throughput); false for times and sizes. */
  higherIsBetter: boolean;
  /** The goal, as a ratio against the baseline (e.g. 20 for "20x faster"). */
  goal?: { ratio: number; text: string };
  note?: string;
}

export interface Bench {
  name: string;
  /** Skip with a printed reason instead of failing when a prerequisite is missing. */
  skip?: () => string | undefined;
  run: () => Promise<Figure[]>;
}

export function ratioOf(figure: Figure): number | undefined {
  if (!figure.baseline || figure.baseline.value === 0) return undefined;
  return figure.higherIsBetter
    ? figure.value / figure.baseline.value
    : figure.baseline.value / figure.value;
}

export function goalMet(figure: Figure): boolean | undefined {
  const ratio = ratioOf(figure);
  if (ratio === undefined || !figure.goal) return undefined;
  return ratio >= figure.goal.ratio;
}

const fmt = (n: number) =>
  Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);

export function formatFigure(figure: Figure): string {
  const ratio = ratioOf(figure);
  const parts = [`  ${figure.name}: ${fmt(figure.value)} ${figure.unit}`];
  if (figure.baseline) {
    parts.push(
      `    baseline (${figure.baseline.name}): ${fmt(figure.baseline.value)} ${figure.unit}`,
    );
    if (ratio !== undefined) parts.push(`    ratio: ${fmt(ratio)}x better than baseline`);
  }
  if (figure.goal) {
    const met = goalMet(figure);
    parts.push(
      `    goal: ${figure.goal.text} -> ${met === undefined ? 'n/a' : met ? 'MET' : 'NOT MET'}`,
    );
  }
  if (figure.note) parts.push(`    note: ${figure.note}`);
  return parts.join('\n');
}

/** Median of repeated timings: robust to one slow run on a shared machine. */
export async function medianMs(times: number, fn: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}
