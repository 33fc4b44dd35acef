/**
 * Packs test themselves: every rule's mustMatch examples must match it and its mustNotMatch
 * examples must not. A failure names the policy, the rule and the example.
 */
import { EvaluationContext, evaluateMatcher } from './evaluate';
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

export function runExamples(spec: PackSpec, pack: CompiledPack): PackError[] {
  const errors: PackError[] = [];
  spec.policies.forEach((policySpec, p) => {
    const policy = pack.policies[p]!;
    policySpec.rules.forEach((ruleSpec, r) => {
      const matcher = policy.rules[r]!.matcher;
      const check = (list: ExampleSpec[], wanted: boolean, name: string) => {
        list.forEach((example, k) => {
          const ctx = new EvaluationContext(pack, exampleInput(example, ruleSpec));
          const matched = evaluateMatcher(matcher, ctx) !== undefined;
          if (matched === wanted) return;
          errors.push({
            path: `policies[${p}].rules[${r}].examples.${name}[${k}]`,
            message: wanted
              ? 'example should match but does not'
              : 'example should not match but does',
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
  return errors;
}
