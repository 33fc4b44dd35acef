import { describe, expect, it } from 'vitest';
import { evaluateItems } from '@/entrypoints/background/evaluate-items';
import { saveSettings } from '@/lib/background/settings/settings';

/** A Malaysian IC number after an ID word: the starter pack's my-mykad rule is for MY only. */
const IC = { description: 'Replica Rolex, super clone 1:1. Seller IC no 900512-10-5678' };

async function rulesFor(market?: string) {
  const answer = await evaluateItems({
    items: [{ key: 'shopvid:1', input: { ...(market ? { market } : {}), fields: IC } }],
  });
  return answer.results[0]!.findings.map((f) => `${f.policyId}/${f.ruleId}`);
}

describe('items.evaluate and the default market', () => {
  it("checks an item with no market as the reviewer's market, and never overrides the page's", async () => {
    // Default 'any': no market is known, so every market's checks run, the generic ones too.
    const all = await rulesFor();
    expect(all).toContain('exposed-personal-data/my-mykad');
    expect(all.some((r) => r.startsWith('counterfeit-goods/'))).toBe(true);

    // A reviewer who works on Thailand: the Malaysian-only rule stays quiet on such items.
    await saveSettings({ defaultMarket: 'TH' });
    expect(await rulesFor()).not.toContain('exposed-personal-data/my-mykad');

    await saveSettings({ defaultMarket: 'MY' });
    expect(await rulesFor()).toContain('exposed-personal-data/my-mykad');
    // The page said Thailand: the reviewer's market does not apply.
    expect(await rulesFor('TH')).not.toContain('exposed-personal-data/my-mykad');
  });
});
