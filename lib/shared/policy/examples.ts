/**
 * Packs test themselves: every rule's mustMatch examples must match it and its mustNotMatch
 * examples must not; every declared context's mustMatch examples must contain it and its
 * mustNotMatch examples must not. A failure names the policy, the rule (or the context)
 * and the example, and for rules with context clauses says which context decided.
 */

import { pathKey } from './context-compile';
import { type ContextTrace, EvaluationContext, emptyTrace, evaluateMatcher } from './evaluate';
import type { ExampleSpec, MatcherSpec, PackSpec } from './pack-schema';
import type { CompiledPack, PackError, PolicyInput } from './types';

const DEFAULT_FIELD = 'description';

function firstField(spec: MatcherSpec): string | undefined {
  if (spec.kind === 'terms' || spec.kind === 'pattern') return spec.fields?.[0];
  if (spec.kind === 'all' || spec.kind === 'any') {
    for (const r of spec.rules) {
      const f = firstField(r);
      if (f) return f;
    }
  }
  if (spec.kind === 'not') return firstField(spec.rule);
  return undefined;
}

export function exampleInput(example: ExampleSpec, rule: MatcherSpec): PolicyInput {
  if (typeof example === 'string') {
    return { fields: { [firstField(rule) ?? DEFAULT_FIELD]: example } };
  }
  const { note: _note, fields, ...rest } = example;
  return { ...rest, fields: fields ?? {} };
}

export function exampleLabel(example: ExampleSpec): string {
  const text = typeof example === 'string' ? example : (example.note ?? JSON.stringify(example));
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** What the context clauses did with the example's matches, for a failed example's message. */
function contextSummary(trace: ContextTrace, ctx: EvaluationContext, matched: boolean): string {
  if (matched) {
    const notes = trace.notes.map((n) => {
      const partner =
        n.partner === 'price' ? 'the item price' : JSON.stringify(ctx.span(n.partner).text);
      return `${n.clause} ${n.source} found ${partner}`;
    });
    return notes.length > 0 ? ` (${[...new Set(notes)].slice(0, 3).join('; ')})` : '';
  }
  const dropped = (trace.dropped ?? []).map(
    (d) => `${JSON.stringify(ctx.span(d.match).text)} dropped: ${d.reason}`,
  );
  return dropped.length > 0 ? ` (${[...new Set(dropped)].slice(0, 3).join('; ')})` : '';
}

function runRuleExamples(spec: PackSpec, pack: CompiledPack, errors: PackError[]): void {
  spec.policies.forEach((policySpec, p) => {
    const policy = pack.policies[p]!;
    policySpec.rules.forEach((ruleSpec, r) => {
      const matcher = policy.rules[r]!.matcher;
      const check = (list: ExampleSpec[], wanted: boolean, name: string) => {
        list.forEach((example, k) => {
          const market = typeof example === 'string' ? undefined : example.market;
          if (wanted && market && ruleSpec.markets && !ruleSpec.markets.includes(market)) {
            // It would pass here yet never fire on that market: the example misleads.
            errors.push({
              path: `policies[${p}].rules[${r}].examples.${name}[${k}].market`,
              message: `example is on ${market}, which the rule is not for (${ruleSpec.markets.join(', ')})`,
              policyId: policy.id,
              ruleId: ruleSpec.id,
              example: exampleLabel(example),
            });
            return;
          }
          const ctx = new EvaluationContext(pack, exampleInput(example, ruleSpec));
          const trace = emptyTrace(true);
          const matched = evaluateMatcher(matcher, ctx, trace) !== undefined;
          if (matched === wanted) return;
          errors.push({
            path: `policies[${p}].rules[${r}].examples.${name}[${k}]`,
            message:
              (wanted ? 'example should match but does not' : 'example should not match but does') +
              contextSummary(trace, ctx, matched),
            policyId: policy.id,
            ruleId: ruleSpec.id,
            example: exampleLabel(example),
          });
        });
      };
      check(ruleSpec.examples.mustMatch, true, 'mustMatch');
      check(ruleSpec.examples.mustNotMatch, false, 'mustNotMatch');
    });
  });
}

/** A context's examples are texts it must (or must not) be found in. */
function runContextExamples(spec: PackSpec, pack: CompiledPack, errors: PackError[]): void {
  for (const [id, contextSpec] of Object.entries(spec.contexts ?? {})) {
    const partner = pack.contexts.get(id);
    if (!partner) continue;
    const check = (list: readonly string[], wanted: boolean, name: string) => {
      list.forEach((example, k) => {
        const ctx = new EvaluationContext(pack, { fields: { [DEFAULT_FIELD]: example } });
        const found = ctx.hasPartner(partner);
        if ((found !== undefined) === wanted) return;
        errors.push({
          path: `contexts${pathKey(id)}.examples.${name}[${k}]`,
          message: wanted
            ? `context "${id}" should be found in the example but is not`
            : `context "${id}" should not be found in the example but is (${JSON.stringify(ctx.span(found!).text)})`,
          example: exampleLabel(example),
        });
      });
    };
    check(contextSpec.examples.mustMatch, true, 'mustMatch');
    check(contextSpec.examples.mustNotMatch, false, 'mustNotMatch');
  }
}

export function runExamples(spec: PackSpec, pack: CompiledPack): PackError[] {
  const errors: PackError[] = [];
  runContextExamples(spec, pack, errors);
  runRuleExamples(spec, pack, errors);
  return errors;
}
