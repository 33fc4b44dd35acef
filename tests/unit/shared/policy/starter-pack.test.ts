import { describe, expect, it } from 'vitest';
import { evaluate, loadPack, policyName, ruleName, STARTER_PACK_JSON } from '@/lib/shared/policy';
import { type PackSpec, POLICY_NAME_LANGUAGES } from '@/lib/shared/policy/pack-schema';

const spec = STARTER_PACK_JSON as PackSpec;

let loaded: ReturnType<typeof load> | undefined;
async function load() {
  const result = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result;
}
/** Loaded (and its examples run) once for the file: the checks below only evaluate. */
function starter() {
  loaded ??= load();
  return loaded;
}

/** The marketplace's prohibited and restricted categories; the corpus labels cases with these ids. */
const CATEGORIES = [
  'off-platform-diversion',
  'counterfeit-goods',
  'misleading-health-claims',
  'undisclosed-paid-promotion',
  'price-anomalies',
  'exposed-personal-data',
  'giveaway-scams',
  'gambling-promotion',
  'weapons',
  'wildlife-trade',
  'drugs-and-vapes',
  'prescription-medicines',
  'adult-services',
  'minor-safety',
  'hate-and-harassment',
  'get-rich-schemes',
  'off-platform-payment',
  'competing-marketplaces',
];

async function check(text: string, market = 'SG') {
  const { pack } = await starter();
  return evaluate(pack, { market, fields: { description: text } }).map((f) => f.policyId);
}

describe('starter pack', () => {
  it('loads with every example passing and covers every category', async () => {
    const { report } = await starter();
    expect(report.policies.map((p) => p.id)).toEqual(CATEGORIES);
  });

  it('gives every policy a severity and a name in each of the six UI languages, on every market', () => {
    for (const policy of spec.policies) {
      // Market-specific checks name their markets on the rule, so a European page still gets the rest.
      expect(policy.markets, policy.id).toBeUndefined();
      expect(['low', 'medium', 'high', 'critical'], policy.id).toContain(policy.severity);
      for (const lang of POLICY_NAME_LANGUAGES) {
        const name = policy.names?.[lang];
        expect(name?.trim().length, `${policy.id} names.${lang}`).toBeGreaterThan(0);
      }
      // A translated name, not the English one copied: Thai is written in Thai script.
      expect(policy.names?.th, policy.id).toMatch(/[\u0E00-\u0E7F]/);
    }
  });

  it('names every rule in each of the six UI languages, each in its own words', () => {
    for (const policy of spec.policies) {
      for (const rule of policy.rules) {
        const where = `${policy.id}/${rule.id}`;
        for (const lang of POLICY_NAME_LANGUAGES) {
          const name = rule.names?.[lang];
          expect(name?.trim().length, `${where} names.${lang}`).toBeGreaterThan(0);
          expect(name, `${where} names.${lang} is the id`).not.toBe(rule.id);
        }
        expect(rule.names?.th, where).toMatch(/[\u0E00-\u0E7F]/);
      }
      // Two rules of one policy with one name would read as the same check.
      for (const lang of POLICY_NAME_LANGUAGES) {
        const list = policy.rules.map((r) => r.names?.[lang]);
        expect(new Set(list).size, `${policy.id} names.${lang} repeat`).toBe(list.length);
      }
    }
  });

  it('shows the reviewer the policy name in their language, not the id', async () => {
    const { pack } = await starter();
    const gambling = pack.policies.find((p) => p.id === 'gambling-promotion')!;
    expect(policyName(gambling, 'th-TH')).toBe('โปรโมตการพนัน');
    expect(policyName(gambling, 'id')).toBe('Promosi judi');
    expect(policyName(gambling, 'de')).toBe('Gambling promotion');
    const sameRule = pack.policies
      .find((p) => p.id === 'counterfeit-goods')!
      .rules.find((r) => r.id === 'not-genuine-but-same')!;
    expect(ruleName(sameRule, 'th')).toBe('ไม่ใช่ของแท้ แต่ขายว่าเหมือน');
    expect(ruleName(sameRule, 'en-GB')).toBe('Not genuine, sold as the same');
  });

  it('gives every rule and context at least three examples both ways', () => {
    for (const policy of spec.policies) {
      for (const rule of policy.rules) {
        expect(rule.examples.mustMatch.length, `${policy.id}/${rule.id}`).toBeGreaterThanOrEqual(3);
        expect(rule.examples.mustNotMatch.length, `${policy.id}/${rule.id}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    }
    for (const [id, context] of Object.entries(spec.contexts ?? {})) {
      expect(context.examples.mustMatch.length, id).toBeGreaterThanOrEqual(3);
      expect(context.examples.mustNotMatch.length, id).toBeGreaterThanOrEqual(3);
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
    expect(new Set(findings.map((f) => f.policyId))).toEqual(
      new Set(['off-platform-diversion', 'counterfeit-goods', 'price-anomalies']),
    );
    for (const f of findings) {
      expect(f.policyVersion).toBe(spec.version);
      for (const e of f.evidence) {
        if (e.field === 'title') expect(title.slice(e.start, e.end)).toBe(e.text);
      }
    }
    // Evidence across the counterfeit rules that fired (the 1:1 term, the replica in trade).
    const counterfeit = findings.filter((f) => f.policyId === 'counterfeit-goods');
    expect(counterfeit.flatMap((f) => f.evidence.map((e) => e.text))).toEqual(
      expect.arrayContaining(['r\u200Bep1ica', '1:1']),
    );
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

  // The demo video's caption from the issue, and one offer per new category in a market language.
  it.each([
    ['it cleared my skin in 3 days! Order now', 'misleading-health-claims'],
    ['Slot gacor malam ini, depo 20rb langsung maxwin, daftar di link bio', 'gambling-promotion'],
    ['Paltik na .38, may kasamang bala, meet up lang', 'weapons'],
    ['กำไลงาช้างแท้ งานเก่า ราคาคุยกันได้', 'wildlife-trade'],
    ['Pod dùng 1 lần 6000 hơi vị xoài, ship nhanh', 'drugs-and-vapes'],
    ['Sildenafil 100mg tanpa resep, kirim rahasia', 'prescription-medicines'],
    ['Outcall massage + extra service, KL area', 'adult-services'],
    ['adik, hantar gambar pakai baju sekolah, abang bagi diamond ML', 'minor-safety'],
    ['dasar cina pelit, balik aja ke negaramu', 'hate-and-harassment'],
    ['Passive income guaranteed, RM300 a day, just copy paste', 'get-rich-schemes'],
    ['Chuyển khoản trước 100% vào STK của shop nha', 'off-platform-payment'],
    ['Order on our Shopee shop instead, more vouchers there', 'competing-marketplaces'],
  ])('catches %j as %s', async (text, policy) => {
    expect(await check(text)).toContain(policy);
  });

  // Look-alikes the issue names: each would be a wrong badge.
  it.each([
    '1:1 scale model of the Merlion, resin souvenir',
    'How to spot a fake Rolex: check the weight and the date wheel',
    'Artificial flowers, 12 silk roses in a vase',
    'This is not fake, bought at the Gucci boutique with receipt',
    'News: police arrest 5 over online shopping scam in Johor',
    '#ad Paid partnership with Watsons, all opinions my own',
    'Aircon compressor part no. 0917 5523 1004, fits Daikin',
    'Tax invoice no. 9012 3388 will be emailed to you',
  ])('stays quiet on %j', async (text) => {
    expect(await check(text)).toEqual([]);
  });
});
