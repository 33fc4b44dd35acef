/**
 * Policy and rule names for the analysis pages, from `policy.choices` (the active pack's
 * names in the UI language). A policy or rule the pack no longer has (a flag made under an
 * older pack) reads as its id in words, never as a slug.
 */
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { readableId } from '@/lib/shared/policy/policy-name';

export interface PolicyTitles {
  policy(policyId: string): string;
  rule(policyId: string, ruleId: string): string;
}

export function policyTitles(choices: readonly PolicyChoice[]): PolicyTitles {
  const policies = new Map(choices.map((p) => [p.id, p]));
  const rules = new Map(
    choices.flatMap((p) => (p.rules ?? []).map((r) => [`${p.id}\u0000${r.id}`, r.title] as const)),
  );
  return {
    policy: (policyId) => policies.get(policyId)?.title ?? readableId(policyId),
    rule: (policyId, ruleId) => rules.get(`${policyId}\u0000${ruleId}`) ?? readableId(ruleId),
  };
}
