import { describe, expect, it } from 'vitest';
import { loadPack, nameLanguage, policyName, readableId, ruleName } from '@/lib/shared/policy';
import { descriptionGist } from '@/lib/shared/policy/policy-name';

const names = {
  en: 'Weapons',
  th: 'อาวุธ',
  vi: 'Vũ khí',
  id: 'Senjata',
  ms: 'Senjata api',
  fil: 'Armas',
};

function pack(policy: Record<string, unknown>, rule: Record<string, unknown> = {}) {
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
            ...rule,
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

describe('rule names', () => {
  const rule = { id: 'not-genuine-but-same', names };

  it('picks the reviewer language, then English', () => {
    expect(ruleName(rule, 'th-TH')).toBe('อาวุธ');
    expect(ruleName(rule, 'tl')).toBe('Armas');
    expect(ruleName(rule, 'ja')).toBe('Weapons');
    expect(ruleName({ id: 'r', names: { th: 'อาวุธ' } }, 'vi')).toBe('R');
  });

  it('without names reads the gist of the description, else the id in words', () => {
    const description =
      "The seller admits the item is not genuine, then sells its likeness: 'not original but same quality'.";
    expect(ruleName({ id: 'x', description }, 'th')).toBe(
      'The seller admits the item is not genuine, then sells its likeness',
    );
    expect(ruleName({ id: 'x', description: 'Guns, gun parts and ammunition.' }, 'en')).toBe(
      'Guns, gun parts and ammunition',
    );
    expect(ruleName({ id: 'not-genuine-but-same' }, 'th')).toBe('Not genuine but same');
    expect(readableId('sg_nric.v2')).toBe('Sg nric v2');
    expect(readableId('---')).toBe('---');
  });

  it('shortens a long description at a word, with an ellipsis', () => {
    const gist = descriptionGist(
      'A child, pupil or minor named close to sexualising, secrecy, private contact or gifts, whatever the wording',
    );
    expect(gist).toBe(
      'A child, pupil or minor named close to sexualising, secrecy, private contact or…',
    );
    expect(gist?.length).toBeLessThanOrEqual(81);
    expect(descriptionGist('  ')).toBeUndefined();
    expect(descriptionGist(undefined)).toBeUndefined();
  });

  it('keeps rule names and descriptions through loading', async () => {
    const result = await loadPack(pack({}, { names, description: 'Pistols.' }), {
      allowUnsigned: true,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack.policies[0]?.rules[0]?.names).toEqual(names);
    expect(ruleName(result.pack.policies[0]!.rules[0]!, 'ms')).toBe('Senjata api');
  });

  it('refuses a bad rule name, naming the JSON path', async () => {
    const unknown = await loadPack(pack({}, { names: { de: 'Waffen' } }), { allowUnsigned: true });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.errors.map((e) => e.path)).toContain('policies[0].rules[0].names.de');
    const empty = await loadPack(pack({}, { names: { vi: '' } }), { allowUnsigned: true });
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(empty.errors.map((e) => e.path)).toContain('policies[0].rules[0].names.vi');
    const notObject = await loadPack(pack({}, { names: 'Weapons' }), { allowUnsigned: true });
    expect(notObject.ok).toBe(false);
    if (!notObject.ok)
      expect(notObject.errors.map((e) => e.path)).toContain('policies[0].rules[0].names');
  });
});
