/**
 * Where the pack says a text is innocent, the scorer does not argue: a policy is not
 * suggested when the item holds any context its rules use to cancel a match (their unless
 * clauses: negation, news, how-to-spot, warning, licensed, scale model...) or any text its
 * rules exclude with `not` (a disclosed partnership). The scorer learned words, not framing,
 * so without this its confident suggestions land mostly on innocent look-alikes the rules
 * deliberately spared (npm run eval, scorer section).
 */
import { EvaluationContext, evaluateMatcher } from '@/lib/shared/policy/evaluate';
import type {
  CompiledMatcher,
  CompiledPartner,
  CompiledPolicy,
  PolicyInput,
} from '@/lib/shared/policy/types';

interface Exceptions {
  partners: CompiledPartner[];
  excluded: CompiledMatcher[];
}

const cache = new WeakMap<CompiledPolicy, Exceptions>();

function exceptionsOf(policy: CompiledPolicy): Exceptions {
  let found = cache.get(policy);
  if (found) return found;
  const partners = new Set<CompiledPartner>();
  const excluded: CompiledMatcher[] = [];
  const walk = (m: CompiledMatcher) => {
    if (m.kind === 'terms' || m.kind === 'pattern')
      for (const clause of m.context?.unless ?? []) partners.add(clause.partner);
    else if (m.kind === 'all' || m.kind === 'any') m.rules.forEach(walk);
    else if (m.kind === 'not') excluded.push(m.rule);
  };
  for (const rule of policy.rules) walk(rule.matcher);
  found = { partners: [...partners], excluded };
  cache.set(policy, found);
  return found;
}

/** A per-item check, built on first use (one term scan for the whole item). */
export function exceptionCheck(
  pack: ConstructorParameters<typeof EvaluationContext>[0],
  input: PolicyInput,
): (policy: CompiledPolicy) => boolean {
  let ctx: EvaluationContext | undefined;
  return (policy) => {
    ctx ??= new EvaluationContext(pack, input);
    const { partners, excluded } = exceptionsOf(policy);
    for (const partner of partners)
      if (ctx.partnerTerms(partner).length > 0 || ctx.partnerPatterns(partner).length > 0)
        return true;
    return excluded.some((m) => evaluateMatcher(m, ctx!) !== undefined);
  };
}
