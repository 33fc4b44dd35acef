/**
 * Applies a terms or pattern rule's context clauses to each of its matches:
 *   unless:   a partner in the window cancels the match (negation, news framing...);
 *   near:     the match stays only with a partner in the window (partners join the evidence);
 *   requires: the match stays only with a partner in the window (explained, not evidence).
 * unless also screens near partners: in "Rolex, not a copy" the negated "copy" is no partner.
 * Field- or item-wide framing whose context declares liftedBy does not cancel a match with an
 * offer beside it in its sentence, unless the framing is near it there (see lifted below).
 * A partner lying entirely inside the match never counts ("not" inside "not original"),
 * so a rule's own words cannot cancel or satisfy it. Windows count the words strictly
 * between partner and match; a partner that starts before the match is "before", one that
 * ends after it is "after", one that contains it is in every window.
 */
import type { ContextTrace, EvaluationContext, Located } from './evaluate';
import type { CompiledClause, CompiledContextRules, ContextNote } from './types';
import { wordsBetween } from './words';

const MAX_NOTES = 20;
const MAX_NEAR_PARTNERS = 20;

interface Found {
  partner: Located | 'price';
  /** Words between, for word windows. */
  words: number | undefined;
  side: 'before' | 'after' | undefined;
}

const inside = (x: Located, h: Located) => x.start >= h.start && x.end <= h.end;

/** Partners of the clause around the hit, nearest first; at most `limit`. */
export function partnersAround(
  clause: CompiledClause,
  hit: Located,
  ctx: EvaluationContext,
  limit: number,
): Found[] {
  const out: Found[] = [];
  // Terms come from the scan already done; patterns run only when terms did not suffice.
  collect(clause, hit, ctx, ctx.partnerTerms(clause.partner), limit, out);
  const { window, partner } = clause;
  if (out.length < limit && partner.patterns.length > 0) {
    const patternHits =
      window.kind === 'words'
        ? ctx.partnerPatternsAround(partner, hit, window.before, window.after)
        : ctx.partnerPatterns(partner);
    collect(clause, hit, ctx, patternHits, limit, out);
  }
  if (out.length < limit && window.kind === 'item' && partner.itemPrice && hasPrice(ctx)) {
    out.push({ partner: 'price', words: undefined, side: undefined });
  }
  if (out.length <= 1) return out;
  if (window.kind === 'words') out.sort((a, b) => (a.words ?? 0) - (b.words ?? 0));
  return out.length > limit ? out.slice(0, limit) : out;
}

function collect(
  clause: CompiledClause,
  hit: Located,
  ctx: EvaluationContext,
  hits: readonly Located[],
  limit: number,
  out: Found[],
): void {
  const { window } = clause;
  if (hits.length === 0) return; // most contexts occur in few items: the common case
  if (window.kind === 'words') {
    collectInWords(window, hit, ctx, indexOf(hits, hit.field), limit, out);
    return;
  }
  for (const x of hits) {
    if (out.length >= limit) return;
    if (window.kind === 'field' && x.field !== hit.field) continue;
    if (x.field === hit.field && inside(x, hit)) continue;
    out.push({ partner: x, words: undefined, side: undefined });
  }
}

/** One field's partner hits sorted by start and by end, to walk outward from a match. */
interface FieldIndex {
  byStart: Located[];
  byEnd: Located[];
  /** The longest partner's length: overlapping partners start at most this far before. */
  maxLength: number;
}

const indexes = new WeakMap<readonly Located[], Map<number, FieldIndex>>();

function indexOf(hits: readonly Located[], field: number): FieldIndex {
  let byField = indexes.get(hits);
  if (!byField) {
    byField = new Map();
    indexes.set(hits, byField);
  }
  let index = byField.get(field);
  if (!index) {
    const mine = hits.filter((h) => h.field === field);
    index = {
      byStart: [...mine].sort((a, b) => a.start - b.start),
      byEnd: mine.sort((a, b) => a.end - b.end),
      maxLength: mine.reduce((m, h) => Math.max(m, h.end - h.start), 0),
    };
    byField.set(field, index);
  }
  return index;
}

/** First index whose key is >= value. */
function lowerBound(list: readonly Located[], key: 'start' | 'end', value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]![key] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Partners within a word window, walking outward from the match on each side and stopping
 * at the first one out of the window (the words between only grow with distance), so the
 * cost follows the window, not the number of partners in the field.
 */
function collectInWords(
  window: Extract<CompiledClause['window'], { kind: 'words' }>,
  hit: Located,
  ctx: EvaluationContext,
  index: FieldIndex,
  limit: number,
  out: Found[],
): void {
  const { byStart, byEnd } = index;
  // Partners overlapping the match: 0 words away on the side they stick out of.
  const from = lowerBound(byStart, 'start', hit.start - index.maxLength);
  const to = lowerBound(byStart, 'start', hit.end);
  for (let k = from; k < to; k++) {
    const x = byStart[k]!;
    if (x.end <= hit.start || inside(x, hit)) continue;
    if (x.start <= hit.start && x.end >= hit.end) {
      // It contains the match ("how to spot a fake" around "fake"): in any window.
      out.push({ partner: x, words: 0, side: x.start < hit.start ? 'before' : 'after' });
    } else if (x.start < hit.start && window.before >= 0) {
      out.push({ partner: x, words: 0, side: 'before' });
    } else if (x.end > hit.end && window.after >= 0) {
      out.push({ partner: x, words: 0, side: 'after' });
    }
  }
  const norm = ctx.fields[hit.field]!.norm;
  const fits = (between: { words: number; sentenceEnd: boolean }, max: number) =>
    between.words <= max && (window.crossSentences || !between.sentenceEnd);
  if (window.before >= 0) {
    let found = 0;
    for (let k = lowerBound(byEnd, 'end', hit.start + 1) - 1; k >= 0 && found < limit; k--) {
      const x = byEnd[k]!;
      const between = wordsBetween(norm, x.end, hit.start, window.before);
      if (!fits(between, window.before)) break;
      out.push({ partner: x, words: between.words, side: 'before' });
      found++;
    }
  }
  if (window.after >= 0) {
    let found = 0;
    for (let k = lowerBound(byStart, 'start', hit.end); k < byStart.length && found < limit; k++) {
      const x = byStart[k]!;
      const between = wordsBetween(norm, hit.end, x.start, window.after);
      if (!fits(between, window.after)) break;
      out.push({ partner: x, words: between.words, side: 'after' });
      found++;
    }
  }
}

function hasPrice(ctx: EvaluationContext): boolean {
  const price = ctx.input.price;
  return price !== undefined && Number.isFinite(price.amount) && price.currency.length > 0;
}

function describe(found: Found, ctx: EvaluationContext): string {
  if (found.partner === 'price') return 'the item has a price';
  const text = JSON.stringify(ctx.span(found.partner).text);
  if (found.words === undefined) return `${text} elsewhere in the item`;
  const words = `${found.words} word${found.words === 1 ? '' : 's'}`;
  return `${text} ${words} ${found.side}`;
}

/**
 * Whether field- or item-wide framing found around the hit is lifted (context-schema.ts
 * liftedBy): an offer partner lies within its words of the hit in the hit's sentence, and
 * the framing itself does not lie within its keep window there.
 */
function lifted(clause: CompiledClause, hit: Located, ctx: EvaluationContext): boolean {
  const { lift } = clause;
  if (!lift) return false;
  if (partnersAround(lift.offer, hit, ctx, 1).length === 0) return false;
  const keep = partnersAround(lift.keep, hit, ctx, MAX_NEAR_PARTNERS);
  if (keep.length === 0) return true;
  const { pivot } = lift;
  if (!pivot) return false;
  // Framing reaches the match only when no pivot ("anyway", "btw") lies between them.
  const pivots = [...ctx.partnerTerms(pivot), ...ctx.partnerPatterns(pivot)];
  return keep.every(({ partner: f }) => {
    if (f === 'price') return false;
    const [from, to] = f.end <= hit.start ? [f.end, hit.start] : [hit.end, f.start];
    return from < to && pivots.some((p) => p.field === hit.field && p.start >= from && p.end <= to);
  });
}

/** The hits that survive the clauses, and the near partners to show beside them. */
export function applyContext(
  rules: CompiledContextRules,
  hits: readonly Located[],
  ctx: EvaluationContext,
  trace: ContextTrace | undefined,
): { kept: Located[]; near: Located[] } {
  const kept: Located[] = [];
  const near: Located[] = [];
  const explain = trace?.dropped !== undefined;
  // The reason is worded only when explaining: evaluation needs only whether.
  const cancelledBy = (hit: Located): string | undefined => {
    for (const clause of rules.unless) {
      const [found] = partnersAround(clause, hit, ctx, 1);
      if (!found || lifted(clause, hit, ctx)) continue;
      return explain ? `unless ${clause.partner.source}: ${describe(found, ctx)}` : '';
    }
    return undefined;
  };
  for (const hit of hits) {
    const cancelled = cancelledBy(hit);
    if (cancelled !== undefined) {
      trace?.dropped?.push({ match: hit, reason: cancelled });
      continue;
    }
    const nearFound = rules.near
      ? partnersAround(rules.near, hit, ctx, MAX_NEAR_PARTNERS).filter(
          (f) => f.partner === 'price' || cancelledBy(f.partner) === undefined,
        )
      : [];
    if (rules.near && nearFound.length === 0) {
      trace?.dropped?.push({
        match: hit,
        reason: `near ${rules.near.partner.source}: none in the window`,
      });
      continue;
    }
    const [required] = rules.requires ? partnersAround(rules.requires, hit, ctx, 1) : [];
    if (rules.requires && !required) {
      trace?.dropped?.push({
        match: hit,
        reason: `requires ${rules.requires.partner.source}: none in the window`,
      });
      continue;
    }
    kept.push(hit);
    for (const f of nearFound) {
      if (f.partner !== 'price') near.push(f.partner);
      trace?.notes.push({
        clause: 'near',
        source: rules.near!.partner.source,
        match: hit,
        partner: f.partner,
        words: f.words,
      });
    }
    if (required) {
      trace?.notes.push({
        clause: 'requires',
        source: rules.requires!.partner.source,
        match: hit,
        partner: required.partner,
        words: required.words,
      });
    }
  }
  return { kept, near };
}

/** The trace's notes as the finding shows them, in the original text. */
export function contextNotes(trace: ContextTrace, ctx: EvaluationContext): ContextNote[] {
  const out: ContextNote[] = [];
  const seen = new Set<string>();
  const price = ctx.input.price;
  for (const n of trace.notes) {
    const match = ctx.span(n.match);
    const partner =
      n.partner === 'price'
        ? { field: 'price', start: 0, end: 0, text: `price ${price?.amount} ${price?.currency}` }
        : ctx.span(n.partner);
    const key = [n.clause, n.source, match.field, match.start, partner.field, partner.start].join(
      '\u0000',
    );
    if (seen.has(key)) continue;
    seen.add(key);
    const note: ContextNote = { clause: n.clause, source: n.source, match, partner };
    if (n.words !== undefined) note.words = n.words;
    out.push(note);
    if (out.length === MAX_NOTES) break;
  }
  return out;
}
