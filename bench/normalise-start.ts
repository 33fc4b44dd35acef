/**
 * The policy engine's Unicode start-up cost, in fresh node processes (a cold V8, as after
 * MV3's 30 s idle stop): importing normalise.ts, then the first `normalise()` (which builds
 * the lookup tables of unicode-tables.ts). Trees are compared in interleaved rounds whose
 * order rotates; figures are medians (wall ms; CPU ms of the whole process beside them).
 *
 *   node --import tsx bench/normalise-start.ts <rounds> <tree> [<tree> ...]
 *
 * A tree is a checkout (e.g. a worktree of the commit before a change) whose
 * lib/shared/policy/normalise.ts is timed.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

interface Sample {
  importMs: number;
  firstMs: number;
  cpuMs: number;
}

async function child(tree: string): Promise<void> {
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  const mod = (await import(
    pathToFileURL(join(tree, 'lib/shared/policy/normalise.ts')).href
  )) as typeof import('../lib/shared/policy/normalise');
  const t1 = performance.now();
  const key = mod.normalise('Cures diabetes in 7 days, LINE: @shop123 – ເຊື່ອ ยา ราคา ₫');
  const t2 = performance.now();
  if (key.text.length === 0) throw new Error('empty key');
  const cpu = process.cpuUsage(cpuStart);
  const sample: Sample = {
    importMs: t1 - t0,
    firstMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  console.log(JSON.stringify(sample));
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function sample(tree: string): Sample {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename ?? new URL(import.meta.url).pathname, '--child', tree],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Sample;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!);
} else {
  const rounds = Number(process.argv[2] ?? 11);
  const trees = process.argv.slice(3);
  if (!Number.isInteger(rounds) || rounds < 1 || trees.length === 0)
    throw new Error('usage: normalise-start.ts <rounds> <tree> [<tree> ...]');
  for (const tree of trees) sample(tree); // warm tsx's transform cache, not timed
  const samples = new Map<string, Sample[]>(trees.map((t) => [t, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < trees.length; i++) {
      const tree = trees[(r + i) % trees.length]!;
      samples.get(tree)!.push(sample(tree));
    }
  }
  for (const [tree, list] of samples) {
    const m = (k: keyof Sample) => median(list.map((s) => s[k])).toFixed(1);
    console.log(
      `${tree}: import ${m('importMs')} ms, first normalise ${m('firstMs')} ms, ` +
        `CPU ${m('cpuMs')} ms (medians of ${list.length} fresh processes)`,
    );
  }
}
