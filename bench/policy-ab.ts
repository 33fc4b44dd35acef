/**
 * Same-process A/B of the policy engine's hot path across versions of lib/shared/policy:
 * for each version, the floor (normalise + one bare pass over the fold key), the term scan
 * alone on keys normalised beforehand, and the engine (normalise + term scan), over a prefix
 * of the policy bench's generated corpus with its 10,000 generated terms (or the starter
 * pack with STARTER=1). Every round runs every (version, figure) once in a rotating order;
 * times are CPU time (process.cpuUsage), so a busy shared machine stretches them less than
 * wall time; figures are medians over rounds. Extract each version first, e.g.
 *
 *   git archive 41619f1 lib/shared/policy | tar -x -C bench/ab/41619f1   (mkdir first)
 *   AB_ROUNDS=21 AB_BYTES=1500000 node --import tsx bench/policy-ab.ts 41619f1 HEAD
 *
 * where "HEAD" (or "."): the working tree's lib/shared/policy; any other name is a folder
 * under bench/ab/ (git-ignored).
 */
import { loadavg } from 'node:os';
import { generateItems, generateTerms } from './policy.bench';

type Normalised = { text: { length: number }; fold: Uint16Array };
interface Version {
  name: string;
  normalise: (text: string) => Normalised;
  findTerms: (index: unknown, text: Normalised) => unknown[];
  index: unknown;
  keys: Normalised[];
}

const intFromEnv = (name: string, fallback: number, max: number) => {
  const raw = process.env[name] ?? String(fallback);
  const n = Number.parseInt(raw, 10);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be an integer from 1 to ${max} (got "${raw}")`);
  return n;
};

const names = process.argv.slice(2);
if (names.length === 0) throw new Error('usage: policy-ab.ts <version> [<version>...]');
const rounds = intFromEnv('AB_ROUNDS', 15, 201);
const targetBytes = intFromEnv('AB_BYTES', 1_500_000, 20_000_000);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const terms = generateTerms(10_000);
const { items, bytes } = generateItems(terms, targetBytes);
console.log(`${items.length} items, ${(bytes / 1e6).toFixed(2)} MB, load average ${load()}`);

const versions: Version[] = [];
for (const name of names) {
  const root =
    name === 'HEAD' || name === '.' ? '../lib/shared/policy' : `./ab/${name}/lib/shared/policy`;
  const n = await import(`${root}/normalise.ts`);
  const t = await import(`${root}/term-index.ts`);
  const c = await import(`${root}/compile.ts`);
  const spec = process.env.STARTER
    ? (await import(`${root}/starter-pack.ts`)).STARTER_PACK_JSON
    : {
        id: 'bench-10k',
        version: '1.0.0',
        policies: [
          {
            id: 'generated',
            title: 'Generated terms',
            description: 'Benchmark terms',
            guidance: 'none',
            severity: 'low',
            markets: ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'],
            rules: [
              {
                id: 'terms',
                kind: 'terms',
                terms,
                examples: { mustMatch: [terms[0]], mustNotMatch: ['zzzz'] },
              },
            ],
          },
        ],
      };
  const compiled = c.compilePack(spec);
  if (!compiled.ok) throw new Error(`${name}: ${JSON.stringify(compiled.errors[0])}`);
  versions.push({
    name,
    normalise: n.normalise,
    findTerms: t.findTerms,
    index: compiled.pack.terms,
    keys: items.map((item) => n.normalise(item)),
  });
}

const FIGURES = ['floor', 'scan', 'engine'] as const;
type Figure = (typeof FIGURES)[number];
let sink = 0;
function cpuMs(v: Version, figure: Figure): number {
  const start = process.cpuUsage();
  if (figure === 'floor') {
    for (const item of items) {
      const n = v.normalise(item);
      for (let k = 0; k < n.text.length; k++) sink += n.fold[k]!;
    }
  } else if (figure === 'scan') {
    for (const key of v.keys) sink += v.findTerms(v.index, key).length;
  } else {
    for (const item of items) sink += v.findTerms(v.index, v.normalise(item)).length;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const jobs = versions.flatMap((v) => FIGURES.map((f) => ({ v, f })));
const times = new Map<string, number[]>(jobs.map(({ v, f }) => [`${v.name} ${f}`, []]));
for (const { v, f } of jobs) cpuMs(v, f); // warm-up
for (let r = 0; r < rounds; r++) {
  const parts: string[] = [];
  for (let k = 0; k < jobs.length; k++) {
    const { v, f } = jobs[(k + r) % jobs.length]!;
    const ms = cpuMs(v, f);
    times.get(`${v.name} ${f}`)!.push(ms);
    parts.push(`${v.name} ${f} ${ms.toFixed(0)}`);
  }
  console.log(`  round ${r + 1}/${rounds}: ${parts.join(', ')}`);
}
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
for (const v of versions) {
  const [floor, scan, engine] = FIGURES.map((f) => times.get(`${v.name} ${f}`)!);
  const ratios = floor!.map((t, k) => t / engine![k]!);
  const hits = v.keys.reduce((sum, key) => sum + v.findTerms(v.index, key).length, 0);
  console.log(
    `${v.name}: floor ${median(floor!).toFixed(0)} ms, scan alone ${median(scan!).toFixed(0)} ms, engine ${median(engine!).toFixed(0)} ms CPU; floor/engine ${(median(floor!) / median(engine!)).toFixed(2)} (per-round median ${median(ratios).toFixed(2)}); ${hits} hits`,
  );
}
if (sink === -1) console.log('unreachable');
console.log(`load average at the end ${load()}`);
