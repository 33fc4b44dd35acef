import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingSchema } from '@/lib/messaging/views';
import { evaluate, loadPack } from '@/lib/shared/policy';
import { STARTER_PACK_JSON } from '@/lib/shared/policy/starter-pack';

type Policy = Record<string, unknown>;
const mini = (): { policies: Policy[] } & Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

describe('emergency policies', () => {
  it('marks every finding of an emergency policy, with its escalation category', async () => {
    const pack = mini();
    pack.policies[0]!.emergency = true;
    pack.policies[0]!.escalationCategory = 'dangerous_product';
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.policies[0]).toMatchObject({
      id: 'counterfeit',
      emergency: true,
      escalationCategory: 'dangerous_product',
    });
    expect(result.report.policies[1]!.emergency).toBeUndefined();
    const findings = evaluate(result.pack, { fields: { title: 'replica bag' } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      policyId: 'counterfeit',
      emergency: true,
      escalationCategory: 'dangerous_product',
    });
    // The view the card receives keeps both fields.
    expect(findingSchema.parse(findings[0])).toMatchObject({
      emergency: true,
      escalationCategory: 'dangerous_product',
    });
  });

  it('leaves findings of ordinary policies unmarked', async () => {
    const result = await loadPack(mini(), { allowUnsigned: true });
    if (!result.ok) throw new Error('mini pack must load');
    const [finding] = evaluate(result.pack, { fields: { title: 'replica bag' } });
    expect(finding).toBeDefined();
    expect('emergency' in finding!).toBe(false);
    expect('escalationCategory' in finding!).toBe(false);
  });

  it.each([
    [{ emergency: 'yes' }, 'policies[0].emergency', 'must be true or false'],
    [
      { escalationCategory: 'child_safety' },
      'policies[0].escalationCategory',
      'only an emergency policy',
    ],
    [
      { emergency: true, escalationCategory: 'fire' },
      'policies[0].escalationCategory',
      'must be one of',
    ],
  ])('refuses %j with a message at its path', async (extra, path, message) => {
    const pack = mini();
    Object.assign(pack.policies[0]!, extra);
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === path);
    expect(error?.message).toContain(message);
  });

  it('the starter pack marks minors’ safety and weapons as emergencies', async () => {
    const result = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
    if (!result.ok) throw new Error('starter pack must load');
    const emergencies = result.report.policies
      .filter((p) => p.emergency)
      .map((p) => [p.id, p.escalationCategory]);
    expect(emergencies).toEqual([
      ['weapons', 'dangerous_product'],
      ['minor-safety', 'child_safety'],
    ]);
  });
});
