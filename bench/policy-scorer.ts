/**
 * The learned scorer's cost per item, beside the rule scan it follows (npm run bench policy):
 * the corpus's real marketplace texts (tests/fixtures/corpus), each checked by evaluate()
 * with the starter pack, against the same plus suggestFindings() (normalise, hashed
 * features, one logistic regression per policy, and the exception check where a policy
 * passes its threshold). Interleaved rounds, medians.
 */
import { evaluate } from '../lib/shared/policy/evaluate';
import { loadPack } from '../lib/shared/policy/load-pack';
import { bundledScorer, suggestFindings } from '../lib/shared/policy/scorer';
import { STARTER_PACK_JSON } from '../lib/shared/policy/starter-pack';
import { readCorpus } from '../scripts/eval/corpus';
import { inputOf } from '../scripts/eval/score';
import type { Figure } from './harness';
import { interleavedRounds } from './rounds';

export async function scorerFigures(rounds: number): Promise<Figure[]> {
  const loaded = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
  if (!loaded.ok) throw new Error('the starter pack does not load');
  const scorer = bundledScorer();
  if (!scorer.ok) throw new Error(scorer.error);
  const pack = loaded.pack;
  const inputs = readCorpus().cases.map(inputOf);
  const result = interleavedRounds('scorer', rounds, [
    {
      name: 'rules',
      run: () => inputs.reduce((n, input) => n + evaluate(pack, input).length, 0),
    },
    {
      name: 'rules + suggestions',
      run: () =>
        inputs.reduce((n, input) => {
          const rules = evaluate(pack, input);
          return n + rules.length + suggestFindings(pack, scorer.scorer, input, rules).length;
        }, 0),
    },
  ]);
  const perItem = (name: string) => (result.median(name) * 1000) / inputs.length;
  const scorerUs = perItem('rules + suggestions') - perItem('rules');
  return [
    {
      name: `suggestions (learned scorer) per corpus item, on top of the rules`,
      value: scorerUs,
      unit: 'µs',
      baseline: { name: 'evaluate(): starter pack rules per item', value: perItem('rules') },
      higherIsBetter: false,
      note: `${inputs.length} corpus texts, medians of ${rounds} interleaved rounds; rules + suggestions ${perItem('rules + suggestions').toFixed(0)} µs per item; goal: under 1,000 µs per item`,
    },
  ];
}
