import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activatePack,
  canonicalJson,
  emptySlot,
  evaluate,
  loadPack,
  publicKeyBase64,
  signPack,
} from '@/lib/shared/policy';

const mini = (): Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

async function keyPair() {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  return { ...keys, publicBase64: await publicKeyBase64(keys.publicKey) };
}

describe('loadPack', () => {
  it('loads, compiles and reports a valid pack', async () => {
    const result = await loadPack(mini(), { allowUnsigned: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.policies.map((p) => p.id)).toEqual(['counterfeit', 'diversion']);
    expect(result.report.policies[1]!.rules[0]).toEqual({
      id: 'th-mobile',
      kind: 'pattern',
      mustMatch: 3,
      mustNotMatch: 3,
    });
  });

  it('rejects a pack whose example fails, naming policy, rule and example', async () => {
    const pack = mini() as {
      policies: Array<{ rules: Array<{ examples: { mustNotMatch: string[] } }> }>;
    };
    pack.policies[0]!.rules[0]!.examples.mustNotMatch.push('genuine r3plica');
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'policies[0].rules[0].examples.mustNotMatch[4]',
          message: 'example should not match but does',
          policyId: 'counterfeit',
          ruleId: 'replica-terms',
          example: 'genuine r3plica',
        },
      ],
    });
  });

  it('leaves out only the rule whose example fails when told to (the bundled pack), naming it', async () => {
    const pack = mini() as {
      policies: Array<{ rules: Array<{ examples: { mustNotMatch: string[] } }> }>;
    };
    pack.policies[0]!.rules[0]!.examples.mustNotMatch.push('genuine r3plica');
    const result = await loadPack(pack, { allowUnsigned: true, skipRulesFailingExamples: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const skipped = {
      path: 'policies[0].rules[0].examples.mustNotMatch[4]',
      message: 'rule left out in this runtime: example should not match but does',
      policyId: 'counterfeit',
      ruleId: 'replica-terms',
      example: 'genuine r3plica',
    };
    expect(result.skipped).toEqual([skipped]);
    expect(result.report.warnings).toContainEqual(skipped);
    // The rest of the pack works; the left-out rule finds nothing.
    expect(result.report.policies.map((p) => p.id)).toEqual(['diversion']);
    const findings = evaluate(result.pack, {
      fields: { description: 'replica bag, โทร 081-234-5678' },
      market: 'TH',
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['th-mobile']);
    // A pack loaded so has not passed its examples; a later load runs them again.
    expect(result.examplesRun).toBe(true);
  });

  it('still refuses a pack with nothing left once its failing rules are out', async () => {
    const pack = mini() as {
      policies: Array<{ rules: Array<{ examples: { mustMatch: string[] } }> }>;
    };
    for (const policy of pack.policies)
      for (const rule of policy.rules) rule.examples.mustMatch.push('nothing to see here');
    const result = await loadPack(pack, { allowUnsigned: true, skipRulesFailingExamples: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.ruleId)).toEqual([
      'replica-terms',
      'th-mobile',
      'no-ad-new-account',
    ]);
  });

  it('refuses a pattern that could backtrack, naming its path', async () => {
    const pack = mini() as { policies: Array<{ rules: Array<{ pattern?: string }> }> };
    pack.policies[1]!.rules[0]!.pattern = '(\\d)\\1{9}';
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({
      path: 'policies[1].rules[0].pattern',
      policyId: 'diversion',
      ruleId: 'th-mobile',
    });
    expect(result.errors[0]!.message).toContain('backreferences');
  });

  it('names the JSON path of schema errors', async () => {
    const pack = mini() as { policies: Array<{ rules: Array<{ terms?: unknown[] }> }> };
    pack.policies[0]!.rules[0]!.terms![2] = '';
    const result = await loadPack(pack, { allowUnsigned: true });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({
      path: 'policies[0].rules[0].terms[2]',
      policyId: 'counterfeit',
      ruleId: 'replica-terms',
    });
    expect(result.errors[0]!.message).toContain('must be a non-empty string');
  });
});

describe('signatures', () => {
  it('accepts a pack signed by a trusted key, in any key order', async () => {
    const keys = await keyPair();
    const signed = await signPack(mini(), keys.privateKey, keys.publicKey);
    const reordered = JSON.parse(canonicalJson(signed));
    for (const json of [signed, reordered]) {
      const result = await loadPack(json, {
        allowUnsigned: false,
        trustedKeys: [keys.publicBase64],
      });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.report.signed).toBe(true);
    }
  });

  it('refuses a tampered pack, an untrusted signer, and unsigned packs when told to', async () => {
    const keys = await keyPair();
    const other = await keyPair();
    const signed = (await signPack(mini(), keys.privateKey, keys.publicKey)) as {
      version: string;
    };
    const tampered = { ...signed, version: '9.9.9' };
    const trusted = { allowUnsigned: true, trustedKeys: [keys.publicBase64] };
    const bad = await loadPack(tampered, trusted);
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'signature', message: 'signature does not verify against any trusted key' }],
    });
    expect(
      (await loadPack(signed, { allowUnsigned: true, trustedKeys: [other.publicBase64] })).ok,
    ).toBe(false);
    expect((await loadPack(signed, { allowUnsigned: true })).ok).toBe(false);
    expect(
      (await loadPack(mini(), { allowUnsigned: false, trustedKeys: [keys.publicBase64] })).ok,
    ).toBe(false);
    expect((await loadPack(mini(), { allowUnsigned: true })).ok).toBe(true);
  });
});

describe('activatePack', () => {
  it('keeps the active pack when the candidate fails or is older', async () => {
    const good = await loadPack(mini(), { allowUnsigned: true });
    const slot = activatePack(emptySlot, good);
    expect(slot.active?.version).toBe('1.0.0');
    const failed = activatePack(slot, await loadPack({ id: 'x' }, { allowUnsigned: true }));
    expect(failed.active).toBe(slot.active);
    expect(failed.errors.length).toBeGreaterThan(0);
    const older = mini();
    older.version = '0.9.0';
    const downgraded = activatePack(slot, await loadPack(older, { allowUnsigned: true }));
    expect(downgraded.active).toBe(slot.active);
    expect(downgraded.errors[0]!.path).toBe('version');
    const newer = mini();
    newer.version = '1.1.0';
    expect(activatePack(slot, await loadPack(newer, { allowUnsigned: true })).active?.version).toBe(
      '1.1.0',
    );
  });
});

describe('evaluate', () => {
  it('skips policies outside the market and reports original offsets', async () => {
    const result = await loadPack(mini(), { allowUnsigned: true });
    if (!result.ok) throw new Error('mini pack should load');
    const input = { fields: { title: 'Bag R\u200BEPLICA, call 081 234 5678' } };
    const everywhere = evaluate(result.pack, input);
    expect(everywhere.map((f) => f.ruleId)).toEqual(['replica-terms', 'th-mobile']);
    expect(everywhere[0]).toMatchObject({
      policyId: 'counterfeit',
      policyVersion: '1.0.0',
      severity: 'high',
      title: 'Counterfeit goods',
      evidence: [{ field: 'title', start: 4, end: 12, text: 'R\u200BEPLICA' }],
    });
    expect(everywhere[1]!.evidence[0]!.text).toBe('081 234 5678');
    expect(evaluate(result.pack, { ...input, market: 'VN' }).map((f) => f.ruleId)).toEqual([
      'replica-terms',
    ]);
  });
});
