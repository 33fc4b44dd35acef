/**
 * Applies a terms or pattern rule's context clauses to each of its matches:
 *   unless:   a partner in the window cancels the match (negation, news framing...);
 *   near:     the match stays only with a partner in the window (partners join the evidence);
 *   requires: the match stays only with a partner in the window (explained, not evidence).
 * unless also screens near partners: in "Rolex, not a copy" the negated "copy" is no partner.
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
  if (out.length < limit && clause.partner.patterns.length > 0) {
    collect(clause, hit, ctx, ctx.partnerPatterns(clause.partner), limit, out);
  }
  const { window, partner } = clause;
  if (out.length < limit && window.kind === 'item' && partner.itemPrice && hasPrice(ctx)) {
    out.push({ partner: 'price', words: undefined, side: undefined });
  }
  if (window.kind === 'words') out.sort((a, b) => (a.words ?? 0) - (b.words ?? 0));
  return out.slice(0, limit);
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
  for (const x of hits) {
    if (out.length >= limit && window.kind !== 'words') return;
    if (window.kind !== 'item' && x.field !== hit.field) continue;
    if (x.field === hit.field && inside(x, hit)) continue;
    if (window.kind !== 'words') {
      out.push({ partner: x, words: undefined, side: undefined });
      continue;
    }
    if (x.start <= hit.start && x.end >= hit.end) {
      // It contains the match ("how to spot a fake" around "fake"): in any window.
      out.push({ partner: x, words: 0, side: x.start < hit.start ? 'before' : 'after' });
      continue;
    }
    const norm = ctx.fields[hit.field]!.norm;
    if (window.before >= 0 && x.start < hit.start) {
      const between =
        x.end >= hit.start ? NONE : wordsBetween(norm, x.end, hit.start, window.before);
      if (between.words <= window.before && (window.crossSentences || !between.sentenceEnd)) {
        out.push({ partner: x, words: between.words, side: 'before' });
        continue;
      }
    }
    if (window.after >= 0 && x.end > hit.end) {
      const between =
        x.start <= hit.end ? NONE : wordsBetween(norm, hit.end, x.start, window.after);
      if (between.words <= window.after && (window.crossSentences || !between.sentenceEnd)) {
        out.push({ partner: x, words: between.words, side: 'after' });
      }
    }
  }
}

const NONE = { words: 0, sentenceEnd: false } as const;

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

/** The hits that survive the clauses, and the near partners to show beside them. */
export function applyContext(
  rules: CompiledContextRules,
  hits: readonly Located[],
  ctx: EvaluationContext,
  trace: ContextTrace | undefined,
): { kept: Located[]; near: Located[] } {
  const kept: Located[] = [];
  const near: Located[] = [];
  const cancelledBy = (hit: Located): string | undefined => {
    for (const clause of rules.unless) {
      const [found] = partnersAround(clause, hit, ctx, 1);
      if (found) return `unless ${clause.partner.source}: ${describe(found, ctx)}`;
    }
    return undefined;
  };
  for (const hit of hits) {
    const cancelled = cancelledBy(hit);
    if (cancelled) {
      trace?.dropped.push({ match: hit, reason: cancelled });
      continue;
    }
    const nearFound = rules.near
      ? partnersAround(rules.near, hit, ctx, MAX_NEAR_PARTNERS).filter(
          (f) => f.partner === 'price' || cancelledBy(f.partner) === undefined,
        )
      : [];
    if (rules.near && nearFound.length === 0) {
      trace?.dropped.push({
        match: hit,
        reason: `near ${rules.near.partner.source}: none in the window`,
      });
      continue;
    }
    const [required] = rules.requires ? partnersAround(rules.requires, hit, ctx, 1) : [];
    if (rules.requires && !required) {
      trace?.dropped.push({
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
