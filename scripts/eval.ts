/**
 * npm run eval [-- --split dev|test|all] [--quiet] [--corpus <dir>]
 * `--corpus` scores another folder of the same JSONL shape (a blind round written outside the
 * repository before any rule change for it); the floors apply only to the repository's corpus.
 * Runs the bundled starter pack over the labelled corpus (tests/fixtures/corpus) and prints
 * recall and precision by policy, language, evasion class and look-alike class, then every
 * miss with what fired; then the learned scorer's suggestions on the same cases (apart from the
 * floors: scripts/eval/scorer-eval.ts). Exits 1 when the corpus has a bad line or a split falls below the
 * floors in tests/fixtures/corpus/thresholds.json (CI runs the same check in the unit suite).
 */
import { loadPack, STARTER_PACK_JSON } from '../lib/shared/policy/index';
import { type CorpusCase, readCorpus } from './eval/corpus';
import {
  type CaseResult,
  innocentFlagRate,
  precision,
  recall,
  report,
  scoreCase,
  type Tally,
} from './eval/score';
import { printScorerSection } from './eval/scorer-eval';
import { readThresholds, shortfalls } from './eval/thresholds';

const args = process.argv.slice(2);
const splitArg = args[args.indexOf('--split') + 1];
const splits = args.includes('--split') && splitArg !== 'all' ? [splitArg] : ['dev', 'test'];
const quiet = args.includes('--quiet');
const corpusDir = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : undefined;
if (args.includes('--corpus') && !corpusDir) {
  console.error('--corpus needs a folder of *.jsonl cases');
  process.exit(2);
}
if (splits.some((s) => s !== 'dev' && s !== 'test')) {
  console.error(`--split must be dev, test or all, not "${splitArg}"`);
  process.exit(2);
}

const loaded = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
if (!loaded.ok) {
  for (const e of loaded.errors) console.error(`starter pack: ${e.path}: ${e.message}`);
  process.exit(1);
}
const corpus = readCorpus(corpusDir);
for (const p of corpus.problems) console.error(`corpus ${p.file}:${p.line}: ${p.message}`);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
function row(name: string, t: Tally) {
  const v =
    t.violations > 0 ? `${pct(recall(t))} of ${String(t.violations).padStart(4)}` : ' '.repeat(14);
  const i =
    t.innocents > 0
      ? `${pct(innocentFlagRate(t))} of ${String(t.innocents).padStart(4)}`
      : ' '.repeat(14);
  const p = t.findings > 0 ? `${pct(precision(t))} of ${String(t.findings).padStart(4)}` : '';
  return `  ${name.padEnd(28)} ${v}   ${i}   ${p}`;
}
function table(title: string, map: Map<string, Tally>) {
  console.log(
    `\n${title}${' '.repeat(Math.max(1, 30 - title.length))}recall          innocent flagged  precision`,
  );
  for (const [name, t] of [...map].sort((a, b) => a[0].localeCompare(b[0])))
    console.log(row(name, t));
}
const describe = (r: CaseResult) =>
  r.findings.length === 0
    ? 'nothing fired'
    : r.findings
        .map((f) => `${f.policyId}/${f.ruleId} "${f.evidence.map((e) => e.text).join('", "')}"`)
        .join('; ');

const thresholds = readThresholds();
const failures: string[] = [];
for (const split of splits as Array<'dev' | 'test'>) {
  const cases = corpus.cases.filter((c: CorpusCase) => c.split === split);
  const start = performance.now();
  const results = cases.map((c) => scoreCase(loaded.pack, c));
  const ms = performance.now() - start;
  const r = report(results);
  console.log(`\n=== ${split} split: ${cases.length} cases (${ms.toFixed(0)} ms)`);
  console.log(row('overall', r.overall));
  table('by policy', r.byPolicy);
  table('by language', r.byLanguage);
  table('by evasion (violations)', r.byEvasion);
  table('by look-alike (innocent)', r.byLookalike);
  if (!quiet) {
    console.log(`\nmisses (${r.misses.length}):`);
    for (const m of r.misses) {
      const c = m.case;
      const what =
        c.label === 'violation'
          ? `missed ${c.policy} [${c.evasion}]`
          : `flagged innocent [${c.lookalike ?? 'other'}]`;
      console.log(`  ${c.id} ${what}: ${JSON.stringify(c.text)} -> ${describe(m)}`);
    }
  }
  const scorerTitle = corpusDir
    ? `${corpusDir} ${split} cases (never trained on)`
    : split === 'dev'
      ? 'dev split (trained on it: in-sample, optimistic)'
      : 'test split (never trained on)';
  printScorerSection(loaded.pack, scorerTitle, results, quiet);
  if (corpusDir === undefined) failures.push(...shortfalls(split, r.overall, thresholds[split]));
}
if (corpus.problems.length > 0) failures.push(`${corpus.problems.length} bad corpus lines`);
console.log(
  failures.length === 0 ? '\neval: every floor held' : `\neval: FAILED\n  ${failures.join('\n  ')}`,
);
process.exit(failures.length === 0 ? 0 : 1);
