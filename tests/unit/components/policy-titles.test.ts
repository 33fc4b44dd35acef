/**
 * The analysis pages' names for policies and rules: the active pack's, in the UI language, as
 * the background answers `policy.choices`; a policy or rule the pack does not have (a flag
 * from an older pack) reads as its id in words, never as the slug.
 */
import { describe, expect, it } from 'vitest';
import { policyTitles } from '@/components/policy-titles';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { loadPack, policyName, ruleName, STARTER_PACK_JSON } from '@/lib/shared/policy';

/** What the background answers for `lang` (entrypoints/background/handlers.ts policyChoices). */
async function choices(lang: string): Promise<PolicyChoice[]> {
  const loaded = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.pack.policies.map((p) => ({
    id: p.id,
    title: policyName(p, lang),
    severity: p.severity,
    rules: p.rules.map((r) => ({ id: r.id, title: ruleName(r, lang) })),
  }));
}

describe('policy and rule titles on the analysis pages', () => {
  it('names the starter pack rules in Thai and Vietnamese', async () => {
    const th = policyTitles(await choices('th'));
    expect(th.policy('counterfeit-goods')).toBe('สินค้าปลอมแปลง');
    expect(th.rule('counterfeit-goods', 'not-genuine-but-same')).toBe('ไม่ใช่ของแท้ แต่ขายว่าเหมือน');
    const vi = policyTitles(await choices('vi'));
    expect(vi.rule('off-platform-diversion', 'phone-number')).toBe('Số điện thoại');
  });

  it('reads an unknown policy or rule as words, and a rule by its own policy', async () => {
    const en = policyTitles(await choices('en'));
    expect(en.policy('old-policy')).toBe('Old policy');
    expect(en.rule('counterfeit-goods', 'gone-rule')).toBe('Gone rule');
    // The same rule id under another policy is not that policy's rule.
    expect(en.rule('weapons', 'not-genuine-but-same')).toBe('Not genuine but same');
    expect(policyTitles([]).rule('p', 'r')).toBe('R');
  });
});
