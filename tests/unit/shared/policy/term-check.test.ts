/**
 * Terms that could never match, or would match something other than written, are refused at
 * their JSON path or matched as written (emoji and symbols on the digits key), and the rest
 * are warned about in pack check (term-check.ts, compile.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activatePack, emptySlot, loadPack } from '@/lib/shared/policy';
import { compilePack } from '@/lib/shared/policy/compile';
import { type PackSpec, packSchema } from '@/lib/shared/policy/pack-schema';
import { propertyRuns } from '../../property-runs';

type Examples = { mustMatch: string[]; mustNotMatch: string[] };

function pack(rule: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: 'terms-check',
    version: '1.0.0',
    ...extra,
    policies: [
      {
        id: 'drugs',
        title: 'Drugs',
        description: 'Drugs sold under coded words.',
        severity: 'high',
        guidance: 'Check the listing.',
        rules: [{ id: 'coded', kind: 'terms', ...rule }],
      },
    ],
  };
}

const load = (json: unknown) => loadPack(json, { allowUnsigned: true });
const termsPack = (terms: unknown[], examples: Examples) => pack({ terms, examples });

describe('terms that can never match are refused at their path', () => {
  it('a term of invisible characters only', async () => {
    const result = await load(
      termsPack(['ice', '\u200b\u200d'], { mustMatch: ['ice'], mustNotMatch: ['tea'] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: 'policies[0].rules[0].terms[1]' });
    expect(result.errors[0]!.message).toMatch(/normalises to nothing/);
  });

  it.each(['...', '&', '-', '!?', '"'])('a term of punctuation only: %j', async (term) => {
    const result = await load(
      termsPack(['ice', term], { mustMatch: ['ice'], mustNotMatch: ['tea'] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ path: 'policies[0].rules[0].terms[1]' });
    expect(result.errors[0]!.message).toMatch(/no letter, digit or emoji/);
  });

  it('in a shared context and an unless clause too, with their paths', async () => {
    const json = pack(
      {
        terms: ['ice'],
        near: { context: 'sale' },
        unless: [{ terms: ['ice', '…'], within: 3 }],
        examples: { mustMatch: ['ice dm'], mustNotMatch: ['ice'] },
      },
      {
        contexts: {
          sale: {
            terms: { en: ['dm', '***'] },
            window: { within: 3 },
            examples: { mustMatch: ['dm'], mustNotMatch: ['tea'] },
          },
        },
      },
    );
    const result = await load(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      'contexts.sale.terms.en[1]',
      'policies[0].rules[0].unless[0].terms[1]',
    ]);
  });

  it('an import with such a term is refused and the active pack stays', async () => {
    const good = await load(termsPack(['ice'], { mustMatch: ['ice'], mustNotMatch: ['tea'] }));
    const active = activatePack(emptySlot, good);
    const bad = await load(
      termsPack(['ice', '...'], { mustMatch: ['ice'], mustNotMatch: ['tea'] }),
    );
    const after = activatePack(active, bad);
    expect(after.active).toBe(active.active);
    expect(after.errors[0]?.path).toBe('policies[0].rules[0].terms[1]');
  });
});

describe('terms with emoji or symbols match as written', () => {
  it('an emoji used as a coded word, anywhere in running text', async () => {
    const result = await load(
      termsPack(['❄️', '🍄', '💊'], {
        mustMatch: ['got ❄️ dm', 'got❄dm', '🍄🍄 fresh', 'ready 💊💊', '❄️'],
        mustNotMatch: ['snow cone', 'got ice dm', 'winter ☃️ sale'],
      }),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('a term ending in "+" keeps its "+"', async () => {
    const result = await load(
      termsPack(['khusus 18+', 'c++'], {
        mustMatch: ['konten khusus 18+ ya', 'Khusus 18+', 'learn c++ now'],
        mustNotMatch: ['khusus 18 tahun', 'grade c only', 'khusus 180+'],
      }),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('a word beside an emoji needs the emoji ("ice ❄️" is not "ice")', async () => {
    const result = await load(
      termsPack(['ice ❄️'], {
        mustMatch: ['pure ice ❄️ ready', 'ice❄️'],
        mustNotMatch: ['ice cream', 'dice ❄️', 'ice'],
      }),
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('emoji terms in a shared context and an unless clause', async () => {
    const json = pack(
      {
        terms: ['ice'],
        near: { context: 'sale' },
        unless: [{ terms: ['🧊'], within: 2 }],
        examples: { mustMatch: ['ice 💰 dm'], mustNotMatch: ['ice dm', 'ice 🧊 💰'] },
      },
      {
        contexts: {
          sale: {
            terms: { en: ['💰'] },
            window: { within: 3 },
            examples: { mustMatch: ['💰 now'], mustNotMatch: ['money'] },
          },
        },
      },
    );
    const result = await load(json);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});

describe('a warm start with a prebuilt term index', () => {
  it('reuses the index for a pack with emoji terms (they are not in it)', () => {
    const spec = packSchema.parse(
      termsPack(['ice', '❄️', 'khusus 18+'], { mustMatch: ['ice'], mustNotMatch: ['tea'] }),
    ) as PackSpec;
    const cold = compilePack(spec);
    if (!cold.ok) throw new Error(JSON.stringify(cold.errors));
    const warm = compilePack(spec, { terms: cold.pack.terms });
    if (!warm.ok) throw new Error(JSON.stringify(warm.errors));
    expect(warm.pack.terms).toBe(cold.pack.terms);
    expect(cold.pack.terms.termCount).toBe(1);
    expect(warm.pack.policies[0]!.rules[0]!.matcher).toMatchObject({
      kind: 'any',
      rules: [{ kind: 'terms' }, { kind: 'pattern', key: 'digits' }],
    });
  });
});

describe('terms that mean less than written are warned about', () => {
  const warnings = async (terms: unknown[]) => {
    const result = await load(termsPack(terms, { mustMatch: ['ice'], mustNotMatch: ['tea'] }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.report.warnings ?? [];
  };

  it('an emoji inside a word is ignored', async () => {
    const list = await warnings(['ice', 'rep🔥lica']);
    expect(list).toEqual([
      expect.objectContaining({ path: 'policies[0].rules[0].terms[1]', ruleId: 'coded' }),
    ]);
    expect(list[0]!.message).toMatch(/inside a word is ignored.*"repiica"/);
  });

  it('duplicates after normalisation within one list', async () => {
    const list = await warnings(['ice', 'ICE', "don't", 'dont']);
    expect(list.map((w) => w.path)).toEqual([
      'policies[0].rules[0].terms[1]',
      'policies[0].rules[0].terms[3]',
    ]);
    expect(list[0]!.message).toMatch(/reads the same as "ice"/);
  });

  it('spaces at the ends', async () => {
    const list = await warnings(['ice', ' crystal ']);
    expect(list[0]).toMatchObject({ path: 'policies[0].rules[0].terms[1]' });
  });

  it('none for plain terms', async () => {
    expect(await warnings(['ice', 'crystal meth', 'ยาไอซ์', '100%', 'hàng nhái'])).toEqual([]);
  });
});

/** Letters, digits, spaces, punctuation, symbols and emoji, to build terms from. */
const PIECES = [
  'ice',
  'a',
  'snow',
  '18',
  'ยา',
  'hàng',
  ' ',
  '+',
  '.',
  '-',
  '!',
  '&',
  '%',
  '❄️',
  '🍄',
  '💊',
  '€',
  '*',
  '(',
  '|',
  '/',
];

describe('every accepted term matches its own text', () => {
  it('alone and between two words', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }),
        async (pieces) => {
          const term = pieces.join('');
          const refused = await load(
            termsPack([term], { mustMatch: [term], mustNotMatch: ['zzzz'] }),
          );
          if (!refused.ok && refused.errors.every((e) => !e.example)) return; // refused outright
          const result = await load(
            termsPack([term], {
              mustMatch: [term, `zzz ${term} qqq`],
              mustNotMatch: ['zzzz'],
            }),
          );
          expect(result.ok ? [] : result.errors).toEqual([]);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
