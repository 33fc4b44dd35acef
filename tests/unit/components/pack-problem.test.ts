/**
 * Pack import errors in plain words: the real engine (loadPack) refuses broken packs, and
 * each of its errors reads as a place ("Policy 1 (…), rule 1") and a problem in the UI
 * language, with the JSON path and the engine's message kept as the technical line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packPathParts, packProblem } from '@/components/options/pack-problem';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';
import type { PackErrorView } from '@/lib/messaging/pack-messages';
import { loadPack } from '@/lib/shared/policy';

const translator = (lang: string): Translate => {
  const templates = templatesFromCatalogue(
    JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')),
  );
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};
const t = translator('en');
const MINI = JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));
const POLICY = MINI.policies[0].id as string;
const RULE = MINI.policies[0].rules[0].id as string;

/** The engine's errors for a pack changed by `edit`. */
async function refused(edit: (pack: typeof MINI) => void): Promise<PackErrorView[]> {
  const pack = structuredClone(MINI);
  edit(pack);
  const result = await loadPack(pack, { allowUnsigned: true });
  if (result.ok) throw new Error('the pack was accepted');
  return result.errors;
}

describe('pack import errors in plain words', () => {
  it('reads JSON paths, quoted keys included', () => {
    expect(packPathParts('policies[3].rules[0].terms[12]')).toEqual([
      'policies',
      3,
      'rules',
      0,
      'terms',
      12,
    ]);
    expect(packPathParts('contexts["near price"].examples.mustMatch[0]')).toEqual([
      'contexts',
      'near price',
      'examples',
      'mustMatch',
      0,
    ]);
    expect(packPathParts('')).toEqual([]);
    expect(packPathParts('policies[')).toBeUndefined();
  });

  it('says an empty term list as the policy, the rule and what is wrong', async () => {
    const errors = await refused((pack) => {
      pack.policies[0].rules[0].terms = [];
    });
    const { text, technical } = packProblem(errors[0] as PackErrorView, t);
    expect(text).toBe(`Policy 1 (${POLICY}), rule 1 (${RULE}): the term list is empty`);
    expect(technical).toContain('policies[0].rules[0].terms');
  });

  it('names an example the rule misses, and keeps the engine’s words as technical', async () => {
    const errors = await refused((pack) => {
      pack.policies[0].rules[0].examples.mustMatch.push('a perfectly ordinary sentence');
    });
    const { text, technical } = packProblem(errors[0] as PackErrorView, t);
    expect(text).toBe(
      `Policy 1 (${POLICY}), rule 1 (${RULE}), example 5: the rule should catch this example but does not: “a perfectly ordinary sentence”`,
    );
    expect(technical).toMatch(
      /^policies\[0\]\.rules\[0\]\.examples\.mustMatch\[4\] · example should match/,
    );
  });

  it('says a duplicate id, an unknown field, a bad severity and a wrong type', async () => {
    const texts = async (edit: (pack: typeof MINI) => void) =>
      (await refused(edit)).map((error) => packProblem(error, t).text);
    expect(
      await texts((pack) => {
        pack.policies[1].id = POLICY;
      }),
    ).toContain(`Policy 2 (${POLICY}): the id “${POLICY}” is used twice`);
    expect(
      await texts((pack) => {
        pack.policies[0].rules[0].colour = 'red';
      }),
    ).toEqual([
      `Policy 1 (${POLICY}), rule 1 (${RULE}): the field “colour” is not part of the pack format`,
    ]);
    expect(
      await texts((pack) => {
        pack.policies[0].severity = 'extreme';
      }),
    ).toEqual([`Policy 1 (${POLICY}): the severity must be one of: low, medium, high, critical`]);
    expect(
      await texts((pack) => {
        pack.policies = {};
      }),
    ).toEqual(['The policy list is missing or holds the wrong kind of value']);
  });

  it('says file-level problems without a path', async () => {
    const unsigned = await loadPack(structuredClone(MINI), { allowUnsigned: false });
    expect(unsigned.ok).toBe(false);
    if (unsigned.ok) return;
    expect(packProblem(unsigned.errors[0] as PackErrorView, t).text).toBe(
      'The pack is not signed, and the settings do not allow unsigned packs',
    );
    expect(packProblem({ path: '', message: 'Not JSON: Unexpected end' }, t)).toEqual({
      text: 'The file is not valid JSON',
      technical: 'Not JSON: Unexpected end',
    });
  });

  it('speaks Thai and Vietnamese, and keeps a message it does not know as technical', async () => {
    const errors = await refused((pack) => {
      pack.policies[0].rules[0].terms = [];
    });
    const error = errors[0] as PackErrorView;
    const th = packProblem(error, translator('th')).text;
    expect(th).toContain('นโยบายที่ 1');
    expect(th).not.toMatch(/Policy|rule|term list|empty/);
    const vi = packProblem(error, translator('vi')).text;
    expect(vi).toContain('Chính sách 1');
    expect(vi).not.toMatch(/Policy|term list|empty/);

    const offline = { path: '', message: 'No governance endpoint is configured.' };
    expect(packProblem(offline, t).text).toBe('No governance endpoint is configured.');
    const odd = { path: 'policies[0].threshold', message: 'must be finite' };
    expect(packProblem(odd, t)).toEqual({
      text: 'Policy 1: the field “threshold” is not valid',
      technical: 'policies[0].threshold · must be finite',
    });
  });
});
