/**
 * Where the pack says a text is innocent, the scorer does not argue: a policy is not
 * suggested when the item holds any context its rules use to cancel a match (their unless
 * clauses: negation, news, how-to-spot, warning, licensed, scale model...) or any text its
 * rules exclude with `not` (a disclosed partnership). The scorer learned words, not framing,
 * so without this its confident suggestions land mostly on innocent look-alikes the rules
 * deliberately spared (npm run eval, scorer section).
 *
 * Only exceptions that speak about the whole item count: the pack's shared framing contexts
 * (negation, news, warning... wherever the rule puts them) and a rule's own exception terms
 * when they apply to the whole field or item. A rule's own exception that applies only a few
 * words from its match ("so dark" excused by "in here" right after it: lighting, not skin)
 * says nothing about an item with no such match; read item-wide, one common word ("here")
 * silenced every suggestion of the policy.
 */
import { EvaluationContext, evaluateMatcher } from '@/lib/shared/policy/evaluate';
import type {
  CompiledClause,
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

/** Whether an unless clause frames the whole item (see the file's comment). */
const framesItem = (clause: CompiledClause): boolean => {
  const ownTerms = clause.partner.source === 'terms' || clause.partner.source === 'pattern';
  return !ownTerms || clause.window.kind !== 'words';
};

function exceptionsOf(policy: CompiledPolicy): Exceptions {
  let found = cache.get(policy);
  if (found) return found;
  const partners = new Set<CompiledPartner>();
  const excluded: CompiledMatcher[] = [];
  const walk = (m: CompiledMatcher) => {
    if (m.kind === 'terms' || m.kind === 'pattern') {
      for (const clause of m.context?.unless ?? [])
        if (framesItem(clause)) partners.add(clause.partner);
    } else if (m.kind === 'all' || m.kind === 'any') m.rules.forEach(walk);
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
