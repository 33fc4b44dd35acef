/**
 * Scores the policy engine on corpus cases. A violation is caught only when a finding names
 * its expected policy; an innocent look-alike is wrongly flagged by any finding at all,
 * since a reviewer sees a badge either way.
 */
import type { CompiledPack, Finding, PolicyInput } from '../../lib/shared/policy/index';
import { evaluate } from '../../lib/shared/policy/index';
import type { CorpusCase } from './corpus';

export interface CaseResult {
  case: CorpusCase;
  findings: Finding[];
  /** violation: caught with the expected policy; innocent: no finding. */
  correct: boolean;
}

export interface Tally {
  violations: number;
  caught: number;
  innocents: number;
  flaggedInnocents: number;
  /** Findings of a policy and how many were on violations of that policy (precision). */
  findings: number;
  rightFindings: number;
}

export const emptyTally = (): Tally => ({
  violations: 0,
  caught: 0,
  innocents: 0,
  flaggedInnocents: 0,
  findings: 0,
  rightFindings: 0,
});

export const recall = (t: Tally) => (t.violations === 0 ? 1 : t.caught / t.violations);
export const innocentFlagRate = (t: Tally) =>
  t.innocents === 0 ? 0 : t.flaggedInnocents / t.innocents;
export const precision = (t: Tally) => (t.findings === 0 ? 1 : t.rightFindings / t.findings);

const HASHTAG = /#[\p{L}\p{N}_]+/gu;

/** What the page side would send for this text: chat lines are read as the description. */
export function inputOf(c: CorpusCase): PolicyInput {
  const field = c.field === 'title' ? 'title' : 'description';
  const hashtags = [...c.text.matchAll(HASHTAG)].map((m) => m[0].slice(1));
  return {
    market: c.market,
    fields: { [field]: c.text },
    ...(hashtags.length > 0 ? { hashtags } : {}),
  };
}

export function scoreCase(pack: CompiledPack, c: CorpusCase): CaseResult {
  const findings = evaluate(pack, inputOf(c));
  const correct =
    c.label === 'violation' ? findings.some((f) => f.policyId === c.policy) : findings.length === 0;
  return { case: c, findings, correct };
}

export interface Report {
  overall: Tally;
  byPolicy: Map<string, Tally>;
  byLanguage: Map<string, Tally>;
  byEvasion: Map<string, Tally>;
  byLookalike: Map<string, Tally>;
  misses: CaseResult[];
}

function add(map: Map<string, Tally>, key: string): Tally {
  const existing = map.get(key);
  if (existing) return existing;
  const t = emptyTally();
  map.set(key, t);
  return t;
}

export function report(results: CaseResult[]): Report {
  const r: Report = {
    overall: emptyTally(),
    byPolicy: new Map(),
    byLanguage: new Map(),
    byEvasion: new Map(),
    byLookalike: new Map(),
    misses: [],
  };
  for (const result of results) {
    const c = result.case;
    const tallies = [r.overall, add(r.byPolicy, c.policy), add(r.byLanguage, c.lang)];
    if (c.label === 'violation') tallies.push(add(r.byEvasion, c.evasion));
    else tallies.push(add(r.byLookalike, c.lookalike ?? 'other'));
    for (const t of tallies) {
      if (c.label === 'violation') {
        t.violations++;
        if (result.correct) t.caught++;
      } else {
        t.innocents++;
        if (!result.correct) t.flaggedInnocents++;
      }
    }
    // Precision is per policy of the finding, not of the case.
    const policies = new Set(result.findings.map((f) => f.policyId));
    for (const policyId of policies) {
      const t = add(r.byPolicy, policyId);
      t.findings++;
      if (c.label === 'violation' && c.policy === policyId) t.rightFindings++;
    }
    r.overall.findings += policies.size;
    r.overall.rightFindings += c.label === 'violation' && policies.has(c.policy) ? 1 : 0;
    if (!result.correct) r.misses.push(result);
  }
  return r;
}
