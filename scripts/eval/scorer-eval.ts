/**
 * The learned scorer's section of `npm run eval`: its suggestions (made only where no rule of
 * the policy fired, as in the extension) alone and together with the rules, and the scorer
 * alone as if no rule existed, with recall, innocents flagged and precision. Kept apart from
 * the rule floors: a suggestion is not a rule match, and no floor is set on it.
 */
import type { CompiledPack, Finding } from '../../lib/shared/policy/index';
import { normalise } from '../../lib/shared/policy/index';
import {
  bundledScorer,
  type Scorer,
  scoreText,
  suggestFindings,
} from '../../lib/shared/policy/scorer';
import type { CorpusCase } from './corpus';
import { type CaseResult, inputOf } from './score';

interface Counts {
  violations: number;
  caught: number;
  innocents: number;
  flagged: number;
  findings: number;
  right: number;
}
const counts = (): Counts => ({
  violations: 0,
  caught: 0,
  innocents: 0,
  flagged: 0,
  findings: 0,
  right: 0,
});

function tally(t: Counts, c: CorpusCase, policies: ReadonlySet<string>): void {
  if (c.label === 'violation') {
    t.violations++;
    if (policies.has(c.policy)) t.caught++;
  } else {
    t.innocents++;
    if (policies.size > 0) t.flagged++;
  }
  t.findings += policies.size;
  if (c.label === 'violation' && policies.has(c.policy)) t.right++;
}

const pct = (n: number, d: number) =>
  d === 0 ? '     -' : `${((n / d) * 100).toFixed(1)}%`.padStart(6);
function line(name: string, t: Counts): string {
  return `  ${name.padEnd(44)} ${pct(t.caught, t.violations)} of ${String(t.violations).padStart(4)}   ${pct(t.flagged, t.innocents)} of ${String(t.innocents).padStart(4)}   ${pct(t.right, t.findings)} of ${String(t.findings).padStart(4)}`;
}

/** Every policy the scorer alone would name on a case (probability past its threshold). */
function scorerAlone(scorer: Scorer, c: CorpusCase): Set<string> {
  const { probabilities } = scoreText(scorer, normalise(c.text));
  const out = new Set<string>();
  scorer.policies.forEach((policy, p) => {
    if (scorer.thresholds[p]! < 1 && probabilities[p]! >= scorer.thresholds[p]!) out.add(policy);
  });
  return out;
}

/** Prints the section for one set of cases whose rule results are already known. */
export function printScorerSection(
  pack: CompiledPack,
  title: string,
  results: readonly CaseResult[],
  quiet: boolean,
): void {
  if (results.length === 0) return;
  const loaded = bundledScorer();
  console.log(`\n--- learned scorer, ${title} (suggestions; not held to the floors)`);
  if (!loaded.ok) {
    console.log(`  suggestions off: ${loaded.error}`);
    return;
  }
  const scorer = loaded.scorer;
  const rules = counts();
  const suggestions = counts();
  const both = counts();
  const alone = counts();
  const made: Array<{ c: CorpusCase; f: Finding }> = [];
  const times: number[] = [];
  for (const r of results) {
    const ruleSet = new Set(r.findings.map((f) => f.policyId));
    const start = performance.now();
    const suggested = suggestFindings(pack, scorer, inputOf(r.case), r.findings);
    times.push(performance.now() - start);
    const suggestedSet = new Set(suggested.map((f) => f.policyId));
    for (const f of suggested) made.push({ c: r.case, f });
    tally(rules, r.case, ruleSet);
    tally(suggestions, r.case, suggestedSet);
    tally(both, r.case, new Set([...ruleSet, ...suggestedSet]));
    tally(alone, r.case, scorerAlone(scorer, r.case));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p99 = times[Math.floor(times.length * 0.99)] ?? 0;
  console.log(`  ${''.padEnd(44)} recall           innocent flagged   precision (per finding)`);
  console.log(line('rules', rules));
  console.log(line('suggestions (only where no rule of it fired)', suggestions));
  console.log(line('rules + suggestions', both));
  console.log(line('scorer alone (rules ignored)', alone));
  console.log(
    `  suggestion time per item (normalise, features, score): median ${(median * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs over ${times.length} items`,
  );
  if (quiet || made.length === 0) return;
  console.log(`  suggestions made (${made.length}):`);
  for (const { c, f } of made) {
    const verdict =
      c.label === 'violation' && c.policy === f.policyId
        ? 'right'
        : c.label === 'innocent'
          ? `WRONG (innocent ${c.lookalike ?? 'other'})`
          : `WRONG (violation of ${c.policy})`;
    const words = f.suggested?.features.map((d) => d.text).join('", "') ?? '';
    console.log(
      `    ${c.id} ${f.policyId} p=${f.suggested?.probability} ${verdict}: ${JSON.stringify(c.text)} <- "${words}"`,
    );
  }
}
