import { describe, expect, it } from 'vitest';
import { evaluate, loadPack, STARTER_PACK_JSON } from '@/lib/shared/policy';
import type { PackSpec } from '@/lib/shared/policy/pack-schema';

const spec = STARTER_PACK_JSON as PackSpec;

async function starter() {
  const result = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result;
}

describe('starter pack', () => {
  it('loads, all its examples passing', async () => {
    const { report } = await starter();
    expect(report.policies.map((p) => p.id)).toEqual([
      'off-platform-diversion',
      'counterfeit-goods',
      'misleading-health-claims',
      'undisclosed-paid-promotion',
      'price-anomalies',
      'exposed-personal-data',
      'giveaway-scams',
    ]);
  });

  it('gives every rule at least three must-match and three must-not-match examples', () => {
    for (const policy of spec.policies) {
      expect(policy.markets).toEqual(['SG', 'MY', 'TH', 'VN', 'ID', 'PH']);
      for (const rule of policy.rules) {
        expect(rule.examples.mustMatch.length, `${policy.id}/${rule.id}`).toBeGreaterThanOrEqual(3);
        expect(rule.examples.mustNotMatch.length, `${policy.id}/${rule.id}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    }
  });

  it('flags a realistic evasive listing with evidence in the original text', async () => {
    const { pack } = await starter();
    const title = 'Túi L0UIS VUITT0N r\u200Bep1ica 1:1, ib Zalo 0 9 1 2 3 4 5 6 7 8';
    const findings = evaluate(pack, {
      market: 'VN',
      fields: { title },
      price: { amount: 350000, listAmount: 45000000, currency: 'VND' },
    });
    const rules = findings.map((f) => `${f.policyId}/${f.ruleId}`).sort();
    expect(rules).toEqual([
      'counterfeit-goods/counterfeit-terms',
      'off-platform-diversion/messaging-handles',
      'off-platform-diversion/phone-number',
      'price-anomalies/implausible-discount',
      'price-anomalies/luxury-throwaway-price',
    ]);
    for (const f of findings) {
      expect(f.policyVersion).toBe('1.0.0');
      for (const e of f.evidence) {
        if (e.field === 'title') expect(title.slice(e.start, e.end)).toBe(e.text);
      }
    }
    const counterfeit = findings.find((f) => f.policyId === 'counterfeit-goods')!;
    expect(counterfeit.evidence.map((e) => e.text)).toEqual(['r\u200Bep1ica', '1:1']);
  });

  it('stays quiet on an ordinary listing', async () => {
    const { pack } = await starter();
    const findings = evaluate(pack, {
      market: 'TH',
      fields: {
        title: 'เสื้อยืดคอตตอน 100% ใส่สบาย',
        description: 'Cotton T-shirt, sizes S-XL, ships in 2 days. Order 2024-11-22.',
        'creator.handle': 'cottonshop_bkk',
      },
      hashtags: ['fashion', 'ootd'],
      price: { amount: 199, listAmount: 259, currency: 'THB' },
      accountAgeDays: 800,
    });
    expect(findings).toEqual([]);
  });
});
