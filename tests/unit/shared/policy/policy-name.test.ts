import { describe, expect, it } from 'vitest';
import { loadPack, nameLanguage, policyName } from '@/lib/shared/policy';

const names = {
  en: 'Weapons',
  th: 'อาวุธ',
  vi: 'Vũ khí',
  id: 'Senjata',
  ms: 'Senjata api',
  fil: 'Armas',
};

function pack(policy: Record<string, unknown>) {
  return {
    id: 'p',
    version: '1.0.0',
    policies: [
      {
        id: 'weapons',
        title: 'Weapons (title)',
        description: 'd',
        severity: 'high',
        markets: ['SG'],
        guidance: 'g',
        rules: [
          {
            id: 'r',
            kind: 'terms',
            terms: ['pistol'],
            examples: { mustMatch: ['pistol'], mustNotMatch: ['water'] },
          },
        ],
        ...policy,
      },
    ],
  };
}

describe('policy names', () => {
  it('maps browser tags to the six name languages', () => {
    expect(nameLanguage('th-TH')).toBe('th');
    expect(nameLanguage('vi')).toBe('vi');
    expect(nameLanguage('tl')).toBe('fil');
    expect(nameLanguage('in_ID')).toBe('id');
    expect(nameLanguage('ms-MY')).toBe('ms');
    expect(nameLanguage('de-DE')).toBeUndefined();
  });

  it('picks the reviewer language, then English, then the title', () => {
    expect(policyName({ title: 'T', names }, 'fil')).toBe('Armas');
    expect(policyName({ title: 'T', names }, 'ja')).toBe('Weapons');
    expect(policyName({ title: 'T', names: { th: 'อาวุธ' } }, 'vi')).toBe('T');
    expect(policyName({ title: 'T' }, 'th')).toBe('T');
  });

  it('keeps the names through loading', async () => {
    const result = await loadPack(pack({ names }), { allowUnsigned: true });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack.policies[0]?.names).toEqual(names);
  });

  it('refuses an unknown language or an empty name, naming the JSON path', async () => {
    const unknown = await loadPack(pack({ names: { de: 'Waffen' } }), { allowUnsigned: true });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors.map((e) => e.path)).toContain('policies[0].names.de');
    const empty = await loadPack(pack({ names: { th: '' } }), { allowUnsigned: true });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.map((e) => e.path)).toContain('policies[0].names.th');
  });
});
