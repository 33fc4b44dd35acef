/**
 * The learned scorer at run time: load the weights file once, then score a normalised text
 * in well under a millisecond (a hash per feature, a map lookup, a few multiply-adds).
 */
import type { NormalisedText } from '@/lib/shared/policy/normalise';
import { extractFeatures, type FeatureSet } from './features';
import { scorerFileSchema } from './model-schema';

export interface Scorer {
  readonly policies: readonly string[];
  readonly bias: Float64Array;
  readonly thresholds: Float64Array;
  /** Feature hash to interleaved (policy index, weight) pairs. */
  readonly weights: ReadonlyMap<number, Float64Array>;
}

export type LoadScorerResult = { ok: true; scorer: Scorer } | { ok: false; error: string };

export function loadScorer(json: unknown): LoadScorerResult {
  const parsed = scorerFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`));
      return `${path.join('').replace(/^\./, '') || '(file)'}: ${issue.message}`;
    });
    const more = parsed.error.issues.length > 5 ? ` (+${parsed.error.issues.length - 5} more)` : '';
    return { ok: false, error: `scorer weights file: ${issues.join('; ')}${more}` };
  }
  const file = parsed.data;
  const weights = new Map<number, Float64Array>();
  for (const row of file.weights) weights.set(row[0]!, Float64Array.from(row.slice(1)));
  return {
    ok: true,
    scorer: {
      policies: file.policies,
      bias: Float64Array.from(file.bias),
      thresholds: Float64Array.from(file.thresholds),
      weights,
    },
  };
}

/** Every feature counts 1/sqrt(distinct features): long texts do not outvote short ones. */
export const featureScale = (distinct: number) => (distinct === 0 ? 0 : 1 / Math.sqrt(distinct));

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Scored {
  features: FeatureSet;
  scale: number;
  /** Per policy of the scorer, in its order. */
  probabilities: Float64Array;
}

export function scoreText(scorer: Scorer, norm: NormalisedText): Scored {
  const features = extractFeatures(norm);
  const scale = featureScale(features.hashes.length);
  const logits = Float64Array.from(scorer.bias);
  for (const hash of features.hashes) {
    const pairs = scorer.weights.get(hash);
    if (!pairs) continue;
    for (let i = 0; i < pairs.length; i += 2) logits[pairs[i]!]! += pairs[i + 1]! * scale;
  }
  for (let p = 0; p < logits.length; p++) logits[p] = sigmoid(logits[p]!);
  return { features, scale, probabilities: logits };
}

/** The features that pushed one policy's score up most: index into features, contribution. */
export function topContributions(
  scorer: Scorer,
  scored: Scored,
  policyIndex: number,
  limit: number,
): Array<{ feature: number; contribution: number }> {
  const out: Array<{ feature: number; contribution: number }> = [];
  scored.features.hashes.forEach((hash, feature) => {
    const pairs = scorer.weights.get(hash);
    if (!pairs) return;
    for (let i = 0; i < pairs.length; i += 2)
      if (pairs[i] === policyIndex && pairs[i + 1]! > 0)
        out.push({ feature, contribution: pairs[i + 1]! * scored.scale });
  });
  return out.sort((a, b) => b.contribution - a.contribution).slice(0, limit);
}
