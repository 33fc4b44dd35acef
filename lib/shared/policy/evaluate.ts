/**
 * evaluate(pack, input): the findings of every policy for the input's market. Each field is
 * normalised once and scanned once for all term lists of the pack; patterns and conditions
 * are evaluated only for the policies in scope.
 */

import { passesCheck } from './checksums';
import { evaluateHashtags, evaluateNumber, hashtagsText } from './conditions';
import { keyString, type MatchKey, type NormalisedText, normalise } from './normalise';
import { findAllRegex } from './safe-regex';
import { findTerms } from './term-index';
import type { CompiledMatcher, CompiledPack, EvidenceSpan, Finding, PolicyInput } from './types';

const MAX_EVIDENCE = 50;
const MAX_EVIDENCE_TEXT = 2000;

interface FieldText {
  name: string;
  norm: NormalisedText;
}

/** Per-input state shared by every rule: normalised fields and the term hits per slot. */
export class EvaluationContext {
  readonly fields: FieldText[] = [];
  private termHits: Map<number, EvidenceSpan[]> | undefined;

  constructor(
    private readonly pack: CompiledPack,
    readonly input: PolicyInput,
  ) {
    for (const [name, value] of Object.entries(input.fields)) {
      if (value) this.fields.push({ name, norm: normalise(value) });
    }
    const tags = hashtagsText(input.hashtags);
    if (tags) this.fields.push({ name: 'hashtags', norm: normalise(tags) });
  }

  hitsFor(slot: number): EvidenceSpan[] {
    if (!this.termHits) {
      this.termHits = new Map();
      for (const field of this.fields) {
        for (const hit of findTerms(this.pack.terms, field.norm)) {
          const list = this.termHits.get(hit.slot) ?? [];
          if (list.length === 0) this.termHits.set(hit.slot, list);
          list.push(spanOf(field, field.norm.text, hit.start, hit.end));
        }
      }
    }
    return this.termHits.get(slot) ?? [];
  }
}

function spanOf(field: FieldText, key: MatchKey, start: number, end: number): EvidenceSpan {
  const from = key.starts[start]!;
  const to = key.ends[end - 1]!;
  return {
    field: field.name,
    start: from,
    end: to,
    text: field.norm.original.slice(from, to).slice(0, MAX_EVIDENCE_TEXT),
  };
}

const inScope = (fields: readonly string[] | undefined, name: string) =>
  !fields || fields.includes(name);

/** The evidence when the matcher holds (possibly empty, e.g. for "not"), else undefined. */
export function evaluateMatcher(
  matcher: CompiledMatcher,
  ctx: EvaluationContext,
): EvidenceSpan[] | undefined {
  switch (matcher.kind) {
    case 'terms': {
      const hits = ctx.hitsFor(matcher.slot).filter((h) => inScope(matcher.fields, h.field));
      return hits.length > 0 ? hits : undefined;
    }
    case 'pattern': {
      const out: EvidenceSpan[] = [];
      for (const field of ctx.fields) {
        if (!inScope(matcher.fields, field.name)) continue;
        const key = matcher.key === 'digits' ? field.norm.digits : field.norm.text;
        for (const [start, end] of findAllRegex(matcher.regex, key.codes, key.length)) {
          if (matcher.check && !passesCheck(matcher.check, keyString(key.codes, start, end))) {
            continue;
          }
          out.push(spanOf(field, key, start, end));
        }
      }
      return out.length > 0 ? out : undefined;
    }
    case 'number':
      return evaluateNumber(matcher, ctx.input);
    case 'hashtags':
      return evaluateHashtags(matcher, ctx.input);
    case 'all': {
      const out: EvidenceSpan[] = [];
      for (const rule of matcher.rules) {
        const ev = evaluateMatcher(rule, ctx);
        if (!ev) return undefined;
        out.push(...ev);
      }
      return out;
    }
    case 'any': {
      const out: EvidenceSpan[] = [];
      let any = false;
      for (const rule of matcher.rules) {
        const ev = evaluateMatcher(rule, ctx);
        if (!ev) continue;
        any = true;
        out.push(...ev);
      }
      return any ? out : undefined;
    }
    case 'not':
      return evaluateMatcher(matcher.rule, ctx) ? undefined : [];
  }
}

function dedupe(evidence: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  const out: EvidenceSpan[] = [];
  for (const e of evidence) {
    const key = `${e.field}\u0000${e.start}\u0000${e.end}\u0000${e.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length === MAX_EVIDENCE) break;
  }
  return out;
}

export function evaluate(pack: CompiledPack, input: PolicyInput): Finding[] {
  const ctx = new EvaluationContext(pack, input);
  const findings: Finding[] = [];
  for (const policy of pack.policies) {
    if (input.market && !policy.markets.includes(input.market)) continue;
    for (const rule of policy.rules) {
      const evidence = evaluateMatcher(rule.matcher, ctx);
      if (!evidence) continue;
      findings.push({
        policyId: policy.id,
        policyVersion: pack.version,
        ruleId: rule.id,
        severity: policy.severity,
        title: policy.title,
        evidence: dedupe(evidence),
      });
    }
  }
  return findings;
}
