/**
 * npm run train:scorer [-- --check]
 * Trains the learned scorer on the corpus's dev split only (the test split is never read
 * here) and writes lib/shared/policy/scorer/weights.json, which the extension bundles.
 * Each policy's suggestion threshold is chosen on dev by 5-fold cross-validation (folds from
 * a seeded hash of each case id): the lowest probability at which its out-of-fold
 * predictions reach TARGET_PRECISION on MIN_SUPPORT or more and flag no innocent; a policy
 * that never does is never suggested.
 * `--check` trains again and fails when the file on disk differs (training is deterministic).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPack, STARTER_PACK_JSON } from '../lib/shared/policy/index';
import { fnvString } from '../lib/shared/policy/scorer/hash';
import { loadScorer } from '../lib/shared/policy/scorer/model';
import { SCORER_FORMAT, type ScorerFile } from '../lib/shared/policy/scorer/model-schema';
import { readCorpus } from './eval/corpus';
import { scoreCase } from './eval/score';
import {
  DEFAULT_TRAIN_OPTIONS,
  featurise,
  predict,
  type TrainExample,
  type TrainedModel,
  trainModel,
} from './scorer/train';

export const WEIGHTS_PATH = join(import.meta.dirname, '../lib/shared/policy/scorer/weights.json');
const FOLDS = 5;
const SEED = fnvString('flagpost-scorer-folds-1');
const TARGET_PRECISION = 0.95;
const MIN_SUPPORT = 5;
/**
 * Never suggest below this, whatever the folds say. A suggestion is a quiet guess beside the
 * rules, and a wrong one teaches reviewers to skip it: at 0.5 - 0.8 the folds on dev found
 * no innocent for some policies (few examples), yet the test split drew wrong suggestions
 * from words like "Depo" (a water depot) and "anh" (amethyst, in Vietnamese).
 */
const MIN_THRESHOLD = 0.9;
const GRID = Array.from(
  { length: Math.round((1 - MIN_THRESHOLD) * 100) },
  (_, i) => Math.round((MIN_THRESHOLD + i * 0.01) * 100) / 100,
);

const check = process.argv.includes('--check');
const started = performance.now();
const corpus = readCorpus();
if (corpus.problems.length > 0) {
  for (const p of corpus.problems) console.error(`corpus ${p.file}:${p.line}: ${p.message}`);
  process.exit(1);
}
const dev = corpus.cases.filter((c) => c.split === 'dev');
const policies = [
  ...new Set(dev.filter((c) => c.label === 'violation').map((c) => c.policy)),
].sort();
const examples: TrainExample[] = dev.map((c) => ({
  text: c.text,
  policy: c.label === 'violation' ? c.policy : undefined,
}));
const rows = featurise(dev.map((c) => c.text));
const options = { ...DEFAULT_TRAIN_OPTIONS, policies };

// What the rules already catch on each dev case: a suggestion is only made where they did not.
const loaded = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
if (!loaded.ok) throw new Error('the starter pack does not load; run npm run pack -- check');
const fired = dev.map((c) => new Set(scoreCase(loaded.pack, c).findings.map((f) => f.policyId)));

// Out-of-fold probabilities for every dev case.
const fold = dev.map((c) => fnvString(c.id, SEED) % FOLDS);
const oof: Float64Array[] = new Array(dev.length);
for (let k = 0; k < FOLDS; k++) {
  const train = dev.map((_, i) => i).filter((i) => fold[i] !== k);
  const held = dev.map((_, i) => i).filter((i) => fold[i] === k);
  const model = trainModel(
    train.map((i) => rows[i]!),
    train.map((i) => examples[i]!),
    options,
  );
  const probs = predict(
    model,
    held.map((i) => rows[i]!),
  );
  held.forEach((i, j) => {
    oof[i] = probs[j]!;
  });
}

interface Candidate {
  policy: number;
  probability: number;
  right: boolean;
  innocent: boolean;
  /** A rule of the same policy fired on the case: no suggestion would be shown. */
  covered: boolean;
}
const candidates: Candidate[] = [];
dev.forEach((c, i) => {
  policies.forEach((policy, p) => {
    const probability = oof[i]![p]!;
    if (probability < MIN_THRESHOLD) return;
    candidates.push({
      policy: p,
      probability,
      right: c.label === 'violation' && c.policy === policy,
      innocent: c.label === 'innocent',
      covered: fired[i]!.has(policy),
    });
  });
});
const violations = dev.filter((c) => c.label === 'violation').length;
const innocents = dev.length - violations;
const missed = dev.filter((c, i) => c.label === 'violation' && !fired[i]!.has(c.policy)).length;
console.log(
  `dev: ${dev.length} cases (${violations} violations, ${innocents} innocent), ${policies.length} policies; the rules miss ${missed} violations`,
);
// The rules were tuned on dev and miss almost nothing there, so thresholds are chosen on the
// scorer alone (every case, as if no rule had fired): the situation of a paraphrase no rule
// reaches. The right-hand columns show how few suggestions are left once rules have run.
console.log('out-of-fold, scorer alone | where no rule of the policy fired:');
console.log('  threshold  suggested  right  innocents  precision | suggested  right  innocents');
const pad = (x: number | string, n: number) => String(x).padStart(n);
for (const t of GRID) {
  if (Math.round(t * 100) % 5 !== 0) continue;
  const at = candidates.filter((c) => c.probability >= t);
  const right = at.filter((c) => c.right).length;
  const open = at.filter((c) => !c.covered);
  console.log(
    `  ${t.toFixed(2).padStart(9)}  ${pad(at.length, 9)}  ${pad(right, 5)}  ${pad(at.filter((c) => c.innocent).length, 9)}  ${((at.length === 0 ? 1 : right / at.length) * 100).toFixed(1).padStart(8)}% | ${pad(open.length, 9)}  ${pad(open.filter((c) => c.right).length, 5)}  ${pad(open.filter((c) => c.innocent).length, 9)}`,
  );
}
// Per policy: the lowest threshold whose out-of-fold suggestions reach the precision target
// on at least MIN_SUPPORT suggestions with no innocent among them; a policy that never does
// gets threshold 1, which no probability reaches: the scorer never suggests it.
const thresholds = policies.map((_, p) => {
  for (const t of GRID) {
    const at = candidates.filter((c) => c.policy === p && c.probability >= t);
    if (at.length < MIN_SUPPORT) return 1;
    const right = at.filter((c) => c.right).length;
    if (right / at.length >= TARGET_PRECISION && !at.some((c) => c.innocent)) return t;
  }
  return 1;
});
console.log('per policy: threshold, out-of-fold suggestions at it (right, on innocents):');
policies.forEach((policy, p) => {
  const t = thresholds[p]!;
  const at = candidates.filter((c) => c.policy === p && c.probability >= t);
  console.log(
    `  ${policy.padEnd(30)} ${t >= 1 ? 'off ' : t.toFixed(2)}  ${t >= 1 ? '' : `${at.length} (${at.filter((c) => c.right).length}, ${at.filter((c) => c.innocent).length})`}`,
  );
});

const model = trainModel(rows, examples, options);
const file = toFile(model, thresholds, dev.length);
const text = `${JSON.stringify(file)}\n`;
const verified = loadScorer(JSON.parse(text));
if (!verified.ok) throw new Error(verified.error);
console.log(
  `model: ${file.weights.length} features kept, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, trained in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (check) {
  const onDisk = readFileSync(WEIGHTS_PATH, 'utf8');
  if (onDisk !== text) {
    console.error(`${WEIGHTS_PATH} differs from a fresh training run: run npm run train:scorer`);
    process.exit(1);
  }
  console.log('weights.json matches a fresh training run');
} else {
  writeFileSync(WEIGHTS_PATH, text);
  console.log(`wrote ${WEIGHTS_PATH}`);
}

function toFile(m: TrainedModel, t: readonly number[], cases: number): ScorerFile {
  const round = (x: number) => Math.round(x * 100) / 100;
  const weights: number[][] = [];
  for (const hash of [...m.weights.keys()].sort((a, b) => a - b)) {
    const row = [hash];
    m.weights.get(hash)!.forEach((w, p) => {
      if (Math.abs(w) >= options.minWeight) row.push(p, round(w));
    });
    if (row.length > 1) weights.push(row);
  }
  return {
    format: SCORER_FORMAT,
    trainedOn: `tests/fixtures/corpus dev split (${cases} cases) by npm run train:scorer; thresholds per policy by ${FOLDS}-fold cross-validation on dev: precision ${TARGET_PRECISION} on ${MIN_SUPPORT} or more, no innocent`,
    features: { chars: [3, 5], words: [1, 2], digitRuns: true },
    policies: [...m.policies],
    bias: m.bias.map(round),
    thresholds: t.map(round),
    weights,
  };
}
