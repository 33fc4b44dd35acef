import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activatePack, emptySlot, loadPack } from '@/lib/shared/policy';
import { packDigest } from '@/lib/shared/policy/load-pack';

const mini = (): Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

type Pack = { policies: Array<{ rules: Array<{ examples: { mustNotMatch: string[] } }> }> };

describe('loadPack with examplesPassed', () => {
  it('runs the examples of a pack it has not seen and reports its digest', async () => {
    const result = await loadPack(mini(), { allowUnsigned: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.examplesRun).toBe(true);
    expect(result.digest).toBe(await packDigest(mini()));
    expect(result.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('skips the examples of a pack whose digest already passed, with the same compiled pack', async () => {
    const first = await loadPack(mini(), { allowUnsigned: true });
    if (!first.ok) throw new Error('mini pack should load');
    const again = await loadPack(mini(), {
      allowUnsigned: true,
      examplesPassed: new Set([first.digest]),
    });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.examplesRun).toBe(false);
    expect(again.report).toEqual(first.report);
    expect(again.pack.terms.termCount).toBe(first.pack.terms.termCount);
  });

  it('the digest ignores key order and whitespace but not content', async () => {
    const reordered = Object.fromEntries(Object.entries(mini()).reverse());
    expect(await packDigest(reordered)).toBe(await packDigest(mini()));
    const changed = mini() as Pack;
    changed.policies[0]!.rules[0]!.examples.mustNotMatch.push('genuine');
    expect(await packDigest(changed)).not.toBe(await packDigest(mini()));
  });

  it('still refuses a changed pack that fails its examples, and the active one stays', async () => {
    const good = await loadPack(mini(), { allowUnsigned: true });
    if (!good.ok) throw new Error('mini pack should load');
    const slot = activatePack(emptySlot, good);
    const bad = mini() as Pack;
    bad.policies[0]!.rules[0]!.examples.mustNotMatch.push('genuine r3plica');
    const result = await loadPack(bad, {
      allowUnsigned: true,
      examplesPassed: new Set([good.digest]),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.message).toBe('example should not match but does');
    const after = activatePack(slot, result);
    expect(after.active).toBe(good.pack);
  });
});
