import { describe, expect, it } from 'vitest';
import { activatePack, emptySlot, loadPack, type PackError } from '@/lib/shared/policy';
import { COMMERCE, NEGATION, packWith } from './context-helpers';

async function errorsOf(json: Record<string, unknown>): Promise<PackError[]> {
  const result = await loadPack(json, { allowUnsigned: true });
  if (result.ok) throw new Error('the pack should have been refused');
  return result.errors;
}

/** The one error at `path`, with its message. */
async function refusedAt(json: Record<string, unknown>, path: string): Promise<string> {
  const errors = await errorsOf(json);
  const at = errors.filter((e) => e.path === path);
  expect(at, JSON.stringify(errors)).toHaveLength(1);
  return at[0]!.message;
}

describe('context clauses are validated with their JSON paths', () => {
  it.each([
    [
      { near: { terms: ['x'], within: 51 } },
      'policies[0].rules[0].near.within',
      /at most 50 words/,
    ],
    [
      { near: { terms: ['x'], within: -1 } },
      'policies[0].rules[0].near.within',
      /at least 0 words/,
    ],
    [{ near: { terms: ['x'], before: 2.5 } }, 'policies[0].rules[0].near.before', /whole number/],
    [
      { near: { terms: ['x'], within: 2, after: 1 } },
      'policies[0].rules[0].near.within',
      /not both/,
    ],
    [{ near: { terms: ['x'] } }, 'policies[0].rules[0].near.within', /needs a window/],
    [
      { near: { terms: ['x'], pattern: 'y', within: 2 } },
      'policies[0].rules[0].near.pattern',
      /exactly one/,
    ],
    [{ near: { within: 2 } }, 'policies[0].rules[0].near', /exactly one/],
    [
      { near: { terms: ['x'], key: 'text', within: 2 } },
      'policies[0].rules[0].near.key',
      /only to a pattern/,
    ],
    [{ near: { terms: [], within: 2 } }, 'policies[0].rules[0].near.terms', /at least 1/],
    [{ unless: ['negation', 42] }, 'policies[0].rules[0].unless[1]', /context id or a clause/],
    [
      { unless: [{ context: 'negation', windw: 3 }] },
      'policies[0].rules[0].unless[0].windw',
      /unknown key/,
    ],
    [{ unless: [] }, 'policies[0].rules[0].unless', /at least 1/],
    [
      { requires: { context: 'Commerce!' } },
      'policies[0].rules[0].requires.context',
      /must be an id/,
    ],
  ])('%j is refused at %s', async (rule, path, message) => {
    expect(await refusedAt(packWith(rule), path)).toMatch(message);
  });

  it('refuses clauses on rules that have no matches to look around', async () => {
    const rule = { kind: 'number', field: 'price', op: '<', value: 1, unless: ['negation'] };
    expect(await refusedAt(packWith(rule), 'policies[0].rules[0].unless')).toBe('unknown key');
  });

  it('refuses a reference to an undeclared context, naming the declared ones', async () => {
    const errors = await errorsOf(
      packWith({
        kind: 'all',
        rules: [{ kind: 'terms', terms: ['fake'], unless: ['negation', 'negaton'] }],
      }),
    );
    expect(errors).toEqual([
      {
        path: 'policies[0].rules[0].rules[0].unless[1].context',
        message: 'unknown context "negaton"; declared: negation, commerce',
        policyId: 'p',
        ruleId: 'r',
      },
    ]);
    const none = await refusedAt(
      packWith({ requires: 'commerce' }, {}),
      'policies[0].rules[0].requires.context',
    );
    expect(none).toBe('unknown context "commerce"; the pack declares no contexts');
  });

  it('refuses a context named without a window when it declares none', async () => {
    const { window: _window, ...noWindow } = NEGATION;
    const message = await refusedAt(
      packWith({ unless: ['negation'] }, { negation: noWindow }),
      'policies[0].rules[0].unless[0].within',
    );
    expect(message).toMatch(/declares none/);
  });
});

describe('contexts are validated with their JSON paths', () => {
  const withContext = (context: Record<string, unknown>, id = 'negation') =>
    packWith({ unless: [{ context: id, before: 2 }] }, { [id]: context });

  it.each([
    [
      { ...NEGATION, terms: { en: ['not'], eng: ['no'] } },
      'contexts.negation.terms.eng',
      /unknown key/,
    ],
    [{ ...NEGATION, terms: { th: [] } }, 'contexts.negation.terms.th', /at least 1/],
    [
      { ...NEGATION, terms: { en: ['\u200B'] } },
      'contexts.negation.terms.en[0]',
      /normalises to nothing/,
    ],
    [{ ...NEGATION, terms: undefined }, 'contexts.negation.terms', /needs terms or patterns/],
    [
      { ...NEGATION, window: { within: 3, before: 1 } },
      'contexts.negation.window.within',
      /not both/,
    ],
    [
      { ...NEGATION, window: { within: 'sentence' } },
      'contexts.negation.window.within',
      /"field" or "item"/,
    ],
    [{ ...NEGATION, examples: undefined }, 'contexts.negation.examples', /object/],
    [{ ...NEGATION, patterns: ['(a)\\1'] }, 'contexts.negation.patterns[0]', /refused/],
    [{ ...COMMERCE, patterns: ['a*'] }, 'contexts.negation.patterns[0]', /refused/],
  ])('%j is refused at %s', async (context, path, message) => {
    expect(await refusedAt(withContext(context), path)).toMatch(message);
  });

  it('refuses a context id that is not an id, and contexts that are not an object', async () => {
    expect(await refusedAt(packWith({}, { 'Bad Id': NEGATION }), 'contexts["Bad Id"]')).toBe(
      'key must be an id: lower-case letters, digits, ".", "_" or "-" (at most 80)',
    );
    expect(await refusedAt(packWith({}, [] as never), 'contexts')).toMatch(/object of contexts/);
  });

  it('quotes context ids that are not identifiers in paths', async () => {
    const context = { ...NEGATION, terms: { en: ['not'], xx: ['no'] } };
    expect(
      await refusedAt(withContext(context, 'how-to-spot'), 'contexts["how-to-spot"].terms.xx'),
    ).toBe('unknown key');
  });

  it('runs context examples both ways, naming the context and example', async () => {
    const context = {
      ...NEGATION,
      examples: { mustMatch: ['nothing here'], mustNotMatch: ['no way'] },
    };
    expect(await errorsOf(withContext(context))).toEqual([
      {
        path: 'contexts.negation.examples.mustMatch[0]',
        message: 'context "negation" should be found in the example but is not',
        example: 'nothing here',
      },
      {
        path: 'contexts.negation.examples.mustNotMatch[0]',
        message: 'context "negation" should not be found in the example but is ("no")',
        example: 'no way',
      },
    ]);
  });
});

describe('a pack with a rule that cannot compile', () => {
  it('is refused with the rule path and the active pack stays', async () => {
    const good = await loadPack(packWith({ unless: ['negation'] }), { allowUnsigned: true });
    const slot = activatePack(emptySlot, good);
    expect(slot.active?.id).toBe('ctx-test');

    const broken = packWith({ unless: ['negation'], near: { pattern: '(?<=x)y', within: 2 } });
    (broken as { version: string }).version = '1.1.0';
    const candidate = await loadPack(broken, { allowUnsigned: true });
    const next = activatePack(slot, candidate);
    expect(next.active).toBe(slot.active);
    expect(next.errors).toHaveLength(1);
    expect(next.errors[0]).toMatchObject({
      path: 'policies[0].rules[0].near.pattern',
      policyId: 'p',
      ruleId: 'r',
    });
    expect(next.errors[0]!.message).toMatch(/^refused: /);

    const undeclared = packWith({ unless: ['nope'] });
    (undeclared as { version: string }).version = '1.2.0';
    const again = activatePack(next, await loadPack(undeclared, { allowUnsigned: true }));
    expect(again.active).toBe(slot.active);
    expect(again.errors[0]?.path).toBe('policies[0].rules[0].unless[0].context');
  });
});
