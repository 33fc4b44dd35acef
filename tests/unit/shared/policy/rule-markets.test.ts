import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, loadPack, STARTER_PACK_JSON } from '@/lib/shared/policy';
import { MARKETS } from '@/lib/shared/protocol/vocabulary';

/** One policy on every market: a Malaysian-only rule, a generic rule, and rules built per test. */
function packOf(rules: Array<Record<string, unknown>>, policyMarkets?: string[]) {
  return {
    id: 'markets-test',
    version: '1.0.0',
    policies: [
      {
        id: 'p',
        title: 'Policy',
        description: 'A test policy.',
        severity: 'high',
        ...(policyMarkets ? { markets: policyMarkets } : {}),
        guidance: 'None.',
        rules,
      },
    ],
  };
}

const MY_IC = {
  id: 'my-ic',
  markets: ['MY'],
  kind: 'pattern',
  pattern: '\\b\\d{12}\\b',
  examples: { mustMatch: ['IC 900512105678'], mustNotMatch: ['IC 123'] },
};
const GENERIC = {
  id: 'fake',
  kind: 'terms',
  terms: ['fake'],
  examples: { mustMatch: ['fake bag'], mustNotMatch: ['real bag'] },
};
const TEXT = 'fake bag, IC 900512105678';

async function compiled(json: unknown) {
  const result = await loadPack(json, { allowUnsigned: true });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}
async function errorsOf(json: unknown) {
  const result = await loadPack(json, { allowUnsigned: true });
  return result.ok ? [] : result.errors;
}
const rulesFired = (
  pack: Awaited<ReturnType<typeof compiled>>,
  market?: string,
  defaultMarket?: string,
) =>
  evaluate(pack, { market, fields: { description: TEXT } }, { defaultMarket })
    .map((f) => f.ruleId)
    .sort();

describe('rule-level markets', () => {
  it('runs a Malaysian rule on Malaysian items only, never on Thai or European ones', async () => {
    const pack = await compiled(packOf([MY_IC, GENERIC]));
    expect(rulesFired(pack, 'MY')).toEqual(['fake', 'my-ic']);
    expect(rulesFired(pack, 'TH')).toEqual(['fake']);
    expect(rulesFired(pack, 'EU')).toEqual(['fake']);
    // The item's own market wins over the reviewer's default.
    expect(rulesFired(pack, 'TH', 'MY')).toEqual(['fake']);
  });

  it('with no market and no default, runs every rule (the platform feed rarely names its country)', async () => {
    const pack = await compiled(packOf([MY_IC, GENERIC]));
    expect(rulesFired(pack)).toEqual(['fake', 'my-ic']);
    expect(rulesFired(pack, '')).toEqual(['fake', 'my-ic']);
  });

  it("falls back to the reviewer's default market when the item has none", async () => {
    const pack = await compiled(packOf([MY_IC, GENERIC]));
    expect(rulesFired(pack, undefined, 'MY')).toEqual(['fake', 'my-ic']);
    expect(rulesFired(pack, undefined, 'TH')).toEqual(['fake']);
  });

  it('runs a policy without markets on any country, and one with markets only on them', async () => {
    expect(rulesFired(await compiled(packOf([GENERIC])), 'DE')).toEqual(['fake']);
    const sgOnly = await compiled(packOf([GENERIC], ['SG']));
    expect(rulesFired(sgOnly, 'DE')).toEqual([]);
    expect(rulesFired(sgOnly, 'SG')).toEqual(['fake']);
  });

  it('refuses malformed rule markets with their JSON path', async () => {
    const at = (markets: unknown) =>
      errorsOf(packOf([{ ...MY_IC, markets }])).then((errors) => errors.map((e) => e.path));
    expect(await at(['XX'])).toContain('policies[0].rules[0].markets[0]');
    expect(await at([])).toContain('policies[0].rules[0].markets');
    expect(await at(['MY', 'MY'])).toContain('policies[0].rules[0].markets');
    expect(await at('MY')).toContain('policies[0].rules[0].markets');
  });

  it('refuses a mustMatch example set on a market the rule is not for', async () => {
    const rule = {
      ...MY_IC,
      examples: {
        mustMatch: [{ market: 'TH', fields: { description: 'IC 900512105678' } }],
        mustNotMatch: ['IC 123'],
      },
    };
    const errors = await errorsOf(packOf([rule]));
    expect(errors.map((e) => e.path)).toEqual([
      'policies[0].rules[0].examples.mustMatch[0].market',
    ]);
    expect(errors[0]!.message).toContain('TH');
  });

  it('never adds findings when a rule gains markets (property)', async () => {
    const market = fc.option(fc.constantFrom(...MARKETS, 'EU', 'DE', 'US'), { nil: undefined });
    const markets = fc.uniqueArray(fc.constantFrom(...MARKETS), { minLength: 1, maxLength: 6 });
    const text = fc.array(fc.constantFrom('fake', 'bag', 'IC', '900512105678', 'real', '€49.10'), {
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(markets, market, market, text, async (list, item, fallback, words) => {
        const input = { market: item, fields: { description: words.join(' ') } };
        const options = { defaultMarket: fallback };
        const open = await compiled(packOf([{ ...MY_IC, markets: undefined }, GENERIC]));
        const narrowed = await compiled(packOf([{ ...MY_IC, markets: list }, GENERIC]));
        const before = new Set(evaluate(open, input, options).map((f) => f.ruleId));
        for (const f of evaluate(narrowed, input, options)) expect(before).toContain(f.ruleId);
      }),
      { numRuns: 60 },
    );
  });
});

describe('starter pack markets', () => {
  it('reads a European price history as no ID number on any market or default', async () => {
    const pack = await compiled(STARTER_PACK_JSON);
    const text =
      'Leichter Rucksack. ID no: Preisverlauf: €49.10 (2020-12-02), €52.90 (2021-03-15), €47.50 (2022-11-25).';
    for (const market of [undefined, 'EU', 'DE', ...MARKETS])
      for (const defaultMarket of [undefined, ...MARKETS]) {
        const findings = evaluate(
          pack,
          { market, fields: { description: text } },
          { defaultMarket },
        );
        expect(
          findings.filter((f) => f.policyId === 'exposed-personal-data'),
          `${market} / ${defaultMarket}`,
        ).toEqual([]);
      }
  });

  it('still checks a European page for generic harms, but not for six-market ID formats', async () => {
    const pack = await compiled(STARTER_PACK_JSON);
    const fired = (market: string | undefined, description: string) =>
      evaluate(pack, { market, fields: { description } }).map((f) => `${f.policyId}/${f.ruleId}`);
    expect(fired('EU', 'Fake Rolex, 1:1 replica, super clone').join()).toContain(
      'counterfeit-goods/',
    );
    // A Thai ID (valid checksum) after an ID word: found on a Thai item, not on a Malaysian one.
    const thaiId = 'เลขบัตรประชาชน 1-1017-00230-70-8';
    expect(fired('TH', thaiId)).toContain('exposed-personal-data/th-national-id');
    expect(fired('MY', thaiId)).not.toContain('exposed-personal-data/th-national-id');
  });
});
