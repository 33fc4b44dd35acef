/**
 * evaluate(pack, input): the findings of every policy and rule for the input's market (or
 * the reviewer's default market when the item's is unknown). Each field is
 * normalised once and scanned once for all term lists of the pack; patterns and conditions
 * are evaluated only for the policies in scope.
 */

import { passesCheck } from './checksums';
import { evaluateHashtags, evaluateNumber, hashtagsText } from './conditions';
import { applyContext, contextNotes } from './context-eval';
import { foldIdsOf } from './fold-ids';
import { foldsOf, keyString, type MatchKey, type NormalisedText, normalise } from './normalise';
import { findAllRegex, type SafeRegex } from './safe-regex';
import { findTerms } from './term-index';
import type {
  CompiledContextRules,
  CompiledMatcher,
  CompiledPack,
  CompiledPartner,
  EvidenceSpan,
  Finding,
  PolicyInput,
} from './types';
import { windowRange } from './words';

const MAX_EVIDENCE = 50;
const MAX_EVIDENCE_TEXT = 2000;

export interface FieldText {
  name: string;
  norm: NormalisedText;
}

/** A range of one field's original text: fields[field].norm.original.slice(start, end). */
export interface Located {
  field: number;
  start: number;
  end: number;
  /** Fold bits (fold-ids.ts) of the key units matched, for the finding's explanation. */
  folds?: number;
}

/** Where the context that made a match fire (or cancelled it) was found, for explanations. */
export interface ContextTrace {
  notes: Array<{
    clause: 'near' | 'requires';
    source: string;
    match: Located;
    partner: Located | 'price';
    words: number | undefined;
  }>;
  /**
   * Matches cancelled by an unless clause or left without a required partner, with why;
   * kept only when explaining (pack examples), since findings do not show them.
   */
  dropped: Array<{ match: Located; reason: string }> | undefined;
}

/**
 * Per-input state shared by every rule: normalised fields, the one term scan's hits per
 * slot (rule terms and context terms alike), and context patterns' hits, searched on
 * first use.
 */
export class EvaluationContext {
  readonly fields: FieldText[] = [];
  private termHits: Map<number, Located[]> | undefined;
  private patternHits: Array<Located[] | undefined> = [];

  constructor(
    readonly pack: CompiledPack,
    readonly input: PolicyInput,
  ) {
    for (const [name, value] of Object.entries(input.fields)) {
      if (value) this.fields.push({ name, norm: normalise(value) });
    }
    const tags = hashtagsText(input.hashtags);
    if (tags) this.fields.push({ name: 'hashtags', norm: normalise(tags) });
  }

  hitsFor(slot: number): Located[] {
    if (!this.termHits) {
      this.termHits = new Map();
      this.fields.forEach((field, f) => {
        const key = field.norm.text;
        for (const hit of findTerms(this.pack.terms, field.norm)) {
          let list = this.termHits!.get(hit.slot);
          if (!list) {
            list = [];
            this.termHits!.set(hit.slot, list);
          }
          const start = key.starts[hit.start]!;
          list.push({ field: f, start, end: key.ends[hit.end - 1]!, folds: hit.folds });
        }
      });
    }
    return this.termHits.get(slot) ?? [];
  }

  /** Where a context clause's partner's terms occur in this input (from the one scan). */
  partnerTerms(partner: CompiledPartner): readonly Located[] {
    return partner.slot === undefined ? [] : this.hitsFor(partner.slot);
  }

  /** Where a context clause's partner's patterns occur, searched on first use. */
  partnerPatterns(partner: CompiledPartner): readonly Located[] {
    let hits = this.patternHits[partner.index];
    if (!hits) {
      const found: Located[] = [];
      for (const { regex, key } of partner.patterns) {
        this.fields.forEach((field, f) => {
          for (const hit of patternHits(regex, key, field, f)) found.push(hit);
        });
      }
      hits = found;
      this.patternHits[partner.index] = hits;
    }
    return hits;
  }

  /**
   * The partner's pattern hits that may lie in a word window around the match: searched in
   * the window's stretch of the field only (with a margin, so a match is not cut at its
   * edge), or in the whole field, once, when the field is not much longer than the window.
   */
  partnerPatternsAround(
    partner: CompiledPartner,
    hit: Located,
    before: number,
    after: number,
  ): readonly Located[] {
    const field = this.fields[hit.field]!;
    const [from, to] = windowRange(field.norm, hit.start, hit.end, before, after);
    if (to - from + 2 * PATTERN_MARGIN >= field.norm.original.length / 2) {
      return this.partnerPatterns(partner);
    }
    const found: Located[] = [];
    for (const { regex, key } of partner.patterns) {
      for (const h of patternHits(regex, key, field, hit.field, undefined, [from, to])) {
        found.push(h);
      }
    }
    return found;
  }

  /** Whether the partner occurs anywhere in the input. */
  hasPartner(partner: CompiledPartner): Located | undefined {
    return this.partnerTerms(partner)[0] ?? this.partnerPatterns(partner)[0];
  }

  span(hit: Located): EvidenceSpan {
    const field = this.fields[hit.field]!;
    const span = {
      field: field.name,
      start: hit.start,
      end: hit.end,
      text: field.norm.original.slice(hit.start, hit.end).slice(0, MAX_EVIDENCE_TEXT),
    };
    if (hit.folds) this.spanFolds.set(span, hit.folds);
    return span;
  }

  /** Fold bits behind evidence spans made by span(). */
  readonly spanFolds = new WeakMap<EvidenceSpan, number>();
}

/** Key units searched beyond a word window on each side, and the edge where matches may be cut. */
const PATTERN_MARGIN = 256;
const PATTERN_EDGE = 16;

/** First key unit whose original start is >= offset. */
function firstUnitAt(key: MatchKey, offset: number): number {
  let lo = 0;
  let hi = key.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function patternHits(
  regex: SafeRegex,
  keyName: 'digits' | 'text',
  field: FieldText,
  f: number,
  check?: 'th-national-id' | 'sg-nric' | 'luhn',
  within?: [number, number],
): Located[] {
  const key: MatchKey = keyName === 'digits' ? field.norm.digits : field.norm.text;
  let lo = 0;
  let hi = key.length;
  if (within) {
    lo = Math.max(0, firstUnitAt(key, within[0]) - PATTERN_MARGIN);
    hi = Math.min(key.length, firstUnitAt(key, within[1]) + PATTERN_MARGIN);
  }
  const codes = lo === 0 && hi === key.length ? key.codes : key.codes.subarray(lo, hi);
  const out: Located[] = [];
  for (const [s, e] of findAllRegex(regex, codes, hi - lo)) {
    // At a cut edge, "^", "$" and word boundaries see a text boundary that is not there.
    if ((lo > 0 && s < PATTERN_EDGE) || (hi < key.length && e > hi - lo - PATTERN_EDGE)) continue;
    const start = s + lo;
    const end = e + lo;
    if (check && !passesCheck(check, keyString(key.codes, start, end))) continue;
    const folds = foldsOf(key, start, end);
    out.push({ field: f, start: key.starts[start]!, end: key.ends[end - 1]!, folds });
  }
  return out;
}

const inScope = (fields: readonly string[] | undefined, name: string) =>
  !fields || fields.includes(name);

/** The evidence when a terms or pattern matcher holds, after its context clauses. */
function leafEvidence(
  hits: Located[],
  context: CompiledContextRules | undefined,
  ctx: EvaluationContext,
  trace: ContextTrace | undefined,
): EvidenceSpan[] | undefined {
  if (hits.length === 0) return undefined;
  if (!context) return hits.map((h) => ctx.span(h));
  const result = applyContext(context, hits, ctx, trace);
  if (result.kept.length === 0) return undefined;
  return [...result.kept, ...result.near].map((h) => ctx.span(h));
}

/**
 * The evidence when the matcher holds (possibly empty, e.g. for "not"), else undefined.
 * `trace` collects the context notes of the matches that fired and the ones dropped.
 */
export function evaluateMatcher(
  matcher: CompiledMatcher,
  ctx: EvaluationContext,
  trace?: ContextTrace,
): EvidenceSpan[] | undefined {
  switch (matcher.kind) {
    case 'terms': {
      const hits = ctx
        .hitsFor(matcher.slot)
        .filter((h) => inScope(matcher.fields, ctx.fields[h.field]!.name));
      return leafEvidence(hits, matcher.context, ctx, trace);
    }
    case 'pattern': {
      const hits: Located[] = [];
      ctx.fields.forEach((field, f) => {
        if (!inScope(matcher.fields, field.name)) return;
        hits.push(...patternHits(matcher.regex, matcher.key, field, f, matcher.check));
      });
      return leafEvidence(hits, matcher.context, ctx, trace);
    }
    case 'number':
      return evaluateNumber(matcher, ctx.input);
    case 'hashtags':
      return evaluateHashtags(matcher, ctx.input);
    case 'all': {
      const out: EvidenceSpan[] = [];
      const inner = trace && emptyTrace(trace.dropped !== undefined);
      for (const rule of matcher.rules) {
        const ev = evaluateMatcher(rule, ctx, inner);
        if (!ev) {
          if (trace?.dropped && inner?.dropped) trace.dropped.push(...inner.dropped);
          return undefined;
        }
        out.push(...ev);
      }
      if (trace && inner) mergeTrace(trace, inner);
      return out;
    }
    case 'any': {
      const out: EvidenceSpan[] = [];
      let any = false;
      for (const rule of matcher.rules) {
        const ev = evaluateMatcher(rule, ctx, trace);
        if (!ev) continue;
        any = true;
        out.push(...ev);
      }
      return any ? out : undefined;
    }
    case 'not':
      // What a negated rule found is not why the outer rule fired: no trace.
      return evaluateMatcher(matcher.rule, ctx) ? undefined : [];
  }
}

/** explain: also keep why matches were dropped (for pack examples). */
export const emptyTrace = (explain = false): ContextTrace => ({
  notes: [],
  dropped: explain ? [] : undefined,
});
function mergeTrace(into: ContextTrace, from: ContextTrace): void {
  into.notes.push(...from.notes);
  if (into.dropped && from.dropped) into.dropped.push(...from.dropped);
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

export interface EvaluateOptions {
  /**
   * The reviewer's market for items whose page does not say (settings): market-specific
   * rules run on such items only when it is one of theirs.
   */
  defaultMarket?: string;
}

/**
 * Whether a policy applies to an item in `market` (the item's, else the reviewer's default):
 * a policy naming markets is skipped on others, and runs when no market is known at all.
 */
export const policyInScope = (markets: readonly string[] | undefined, market?: string) =>
  !markets || !market || markets.includes(market);

/**
 * Whether a rule applies: a rule naming markets is skipped on any other known market, since
 * its pattern (an ID-number format, a local wallet's name) reads as something else there (a
 * European price and date as an ID number). With no market known (the platform's own feed
 * cards rarely say, and the reviewer's setting is "any") it runs: a phone number on a feed
 * card must not go unflagged because the card did not name its country.
 */
export const ruleInScope = (markets: readonly string[] | undefined, market?: string) =>
  !markets || !market || markets.includes(market);

export function evaluate(
  pack: CompiledPack,
  input: PolicyInput,
  options: EvaluateOptions = {},
): Finding[] {
  const ctx = new EvaluationContext(pack, input);
  const findings: Finding[] = [];
  const market = input.market || options.defaultMarket || undefined;
  for (const policy of pack.policies) {
    if (!policyInScope(policy.markets, market)) continue;
    for (const rule of policy.rules) {
      if (!ruleInScope(rule.markets, market)) continue;
      const trace = pack.partners.length > 0 ? emptyTrace() : undefined;
      const evidence = evaluateMatcher(rule.matcher, ctx, trace);
      if (!evidence) continue;
      const finding: Finding = {
        policyId: policy.id,
        policyVersion: pack.version,
        ruleId: rule.id,
        severity: policy.severity,
        title: policy.title,
        evidence: dedupe(evidence),
      };
      if (trace && trace.notes.length > 0) finding.context = contextNotes(trace, ctx);
      if (policy.emergency) {
        finding.emergency = true;
        if (policy.escalationCategory) finding.escalationCategory = policy.escalationCategory;
      }
      const folds = foldIdsOf(
        finding.evidence.reduce((m, e) => m | (ctx.spanFolds.get(e) ?? 0), 0),
      );
      if (folds.length > 0) finding.folds = folds;
      findings.push(finding);
    }
  }
  return findings;
}
