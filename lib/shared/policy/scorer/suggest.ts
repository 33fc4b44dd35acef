/**
 * Suggested findings: where no rule of a policy fired but the learned scorer is confident
 * (its probability passes the policy's threshold, chosen on the train split for precision)
 * and the item holds none of the exceptions the pack's rules name (exceptions.ts), a
 * finding marked `suggested`, with the words that drove it as evidence. A suggestion is not
 * a rule match: the badge does not count it, the card shows it quietly as "Suggested".
 */
import { policyInScope } from '@/lib/shared/policy/evaluate';
import type { MatchKey, NormalisedText } from '@/lib/shared/policy/normalise';
import { normalise } from '@/lib/shared/policy/normalise';
import type { CompiledPack, EvidenceSpan, Finding, PolicyInput } from '@/lib/shared/policy/types';
import { exceptionCheck } from './exceptions';
import { isWordCode, KEY_DIGITS } from './features';
import { type Scored, type Scorer, scoreText, topContributions } from './model';

/** The rule id suggestions carry (no pack rule may be named so: ids are kebab-case words). */
export const SUGGESTED_RULE_ID = 'suggested';
const MAX_DRIVERS = 5;
/** A word longer than this (a Thai run without spaces) is shown as the n-gram alone. */
const MAX_WORD_UNITS = 24;

/** Fields a reviewer would read as the item's text; handles and names are not scored. */
const scoredField = (name: string) => !name.startsWith('creator.');

export interface SuggestOptions {
  defaultMarket?: string;
}

export function suggestFindings(
  pack: CompiledPack,
  scorer: Scorer,
  input: PolicyInput,
  ruleFindings: readonly Finding[],
  options: SuggestOptions = {},
): Finding[] {
  const market = input.market || options.defaultMarket || undefined;
  const fired = new Set(ruleFindings.map((f) => f.policyId));
  const candidates = scorer.policies
    .map((id, index) => ({ index, policy: pack.policies.find((p) => p.id === id) }))
    .filter(
      // Threshold 1: the policy never reached the precision target in training; never suggested.
      (c) =>
        c.policy &&
        scorer.thresholds[c.index]! < 1 &&
        !fired.has(c.policy.id) &&
        policyInScope(c.policy.markets, market),
    );
  if (candidates.length === 0) return [];

  const scored: Array<{ field: string; norm: NormalisedText; scored: Scored }> = [];
  for (const [field, text] of Object.entries(input.fields)) {
    if (!text || !scoredField(field)) continue;
    const norm = normalise(text);
    scored.push({ field, norm, scored: scoreText(scorer, norm) });
  }
  const excepted = exceptionCheck(pack, input);
  const findings: Finding[] = [];
  for (const { index, policy } of candidates) {
    if (!policy) continue;
    let best: (typeof scored)[number] | undefined;
    for (const s of scored)
      if (!best || s.scored.probabilities[index]! > best.scored.probabilities[index]!) best = s;
    const probability = best?.scored.probabilities[index] ?? 0;
    if (!best || probability < scorer.thresholds[index]!) continue;
    if (excepted(policy)) continue;
    const drivers = driversOf(scorer, best, index);
    findings.push({
      policyId: policy.id,
      policyVersion: pack.version,
      ruleId: SUGGESTED_RULE_ID,
      severity: policy.severity,
      title: policy.title,
      evidence: drivers.map((d) => d.span).sort((a, b) => a.start - b.start),
      suggested: {
        probability: Math.round(probability * 1000) / 1000,
        threshold: scorer.thresholds[index]!,
        features: drivers.map((d) => ({
          text: d.span.text,
          weight: Math.round(d.weight * 100) / 100,
        })),
      },
    });
  }
  return findings;
}

/** The strongest features, widened to the words they sit in, merged when they share one. */
function driversOf(
  scorer: Scorer,
  { field, norm, scored }: { field: string; norm: NormalisedText; scored: Scored },
  policyIndex: number,
): Array<{ span: EvidenceSpan; weight: number }> {
  const byRange = new Map<string, { span: EvidenceSpan; weight: number }>();
  for (const { feature, contribution } of topContributions(scorer, scored, policyIndex, 16)) {
    const digits = scored.features.key[feature] === KEY_DIGITS;
    const key = digits ? norm.digits : norm.text;
    let from = scored.features.from[feature]!;
    let to = scored.features.to[feature]!;
    if (!digits) [from, to] = widenToWord(norm, from, to);
    const span = spanOf(field, norm.original, key, from, to);
    const id = `${span.start}:${span.end}`;
    const entry = byRange.get(id);
    if (entry) entry.weight += contribution;
    else byRange.set(id, { span, weight: contribution });
  }
  return [...byRange.values()].sort((a, b) => b.weight - a.weight).slice(0, MAX_DRIVERS);
}

function widenToWord(norm: NormalisedText, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start > 0 && isWordCode(norm.fold[start - 1]!)) start--;
  while (end < norm.text.length && isWordCode(norm.fold[end]!)) end++;
  return end - start > MAX_WORD_UNITS ? [from, to] : [start, end];
}

function spanOf(
  field: string,
  original: string,
  key: MatchKey,
  from: number,
  to: number,
): EvidenceSpan {
  const start = key.starts[from]!;
  const end = key.ends[to - 1]!;
  return { field, start, end, text: original.slice(start, end) };
}
