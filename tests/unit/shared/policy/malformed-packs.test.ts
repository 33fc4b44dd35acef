import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activatePack, emptySlot, loadPack } from '@/lib/shared/policy';
import { propertyRuns } from '../../property-runs';

type Json = Record<string, unknown>;
const base = (): Json => JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

/** A mutation breaks the pack at a known JSON path; the error must name that path. */
interface Mutation {
  path: string;
  apply: (pack: Json) => void;
}

const at = (pack: Json, ...keys: Array<string | number>): Json => {
  let node: unknown = pack;
  for (const k of keys) node = (node as Record<string | number, unknown>)[k];
  return node as Json;
};

const notAString = fc.oneof(
  fc.constant(''),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
/** `{}` is a valid (empty) example object, so examples get only non-objects. */
const notAnExample = fc.oneof(
  fc.constant(''),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
);
const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.constant(null),
  fc.constant([1]),
);
const badRegex = fc.constantFrom('(a)\\1', '(?=x)y', '(?<!x)y', 'a*', '[', '(', 'x{99999}', '\\q');
const policyIndex = fc.integer({ min: 0, max: 1 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 4 }), notAString).map(([k, v]) => ({
    path: `policies[0].rules[0].terms[${k}]`,
    apply: (p: Json) => {
      (at(p, 'policies', 0, 'rules', 0, 'terms') as unknown as unknown[])[k] = v;
    },
  })),
  fc
    .tuple(
      policyIndex,
      fc
        .string({ maxLength: 10 })
        .filter((s) => !['low', 'medium', 'high', 'critical'].includes(s)),
    )
    .map(([i, v]) => ({
      path: `policies[${i}].severity`,
      apply: (p: Json) => {
        at(p, 'policies', i).severity = v;
      },
    })),
  fc
    .tuple(
      policyIndex,
      fc.constantFrom('id', 'title', 'description', 'guidance', 'rules', 'severity'),
    )
    .map(([i, key]) => ({
      path: `policies[${i}].${key}`,
      apply: (p: Json) => {
        delete at(p, 'policies', i)[key];
      },
    })),
  fc
    .tuple(
      policyIndex,
      fc.string({ maxLength: 3 }).filter((s) => !['SG', 'MY', 'TH', 'VN', 'ID', 'PH'].includes(s)),
    )
    .map(([i, m]) => ({
      path: `policies[${i}].markets[0]`,
      apply: (p: Json) => {
        // Markets are optional: the starter pack's policies apply everywhere.
        at(p, 'policies', i).markets = [m, 'SG'];
      },
    })),
  fc
    .tuple(
      policyIndex,
      fc.string({ maxLength: 3 }).filter((s) => !['SG', 'MY', 'TH', 'VN', 'ID', 'PH'].includes(s)),
    )
    .map(([i, m]) => ({
      path: `policies[${i}].rules[0].markets[0]`,
      apply: (p: Json) => {
        at(p, 'policies', i, 'rules', 0).markets = [m];
      },
    })),
  fc
    .tuple(
      policyIndex,
      junk.filter(
        (v) =>
          !['terms', 'pattern', 'number', 'hashtags', 'all', 'any', 'not'].includes(v as string),
      ),
    )
    .map(([i, v]) => ({
      path: `policies[${i}].rules[0].kind`,
      apply: (p: Json) => {
        at(p, 'policies', i, 'rules', 0).kind = v;
      },
    })),
  fc
    .tuple(policyIndex, fc.constantFrom('colour', 'mustmatch', 'term', 'regex'), junk)
    .map(([i, key, v]) => ({
      path: `policies[${i}].rules[0].${key}`,
      apply: (p: Json) => {
        at(p, 'policies', i, 'rules', 0)[key] = v;
      },
    })),
  badRegex.map((re) => ({
    path: 'policies[1].rules[0].pattern',
    apply: (p: Json) => {
      at(p, 'policies', 1, 'rules', 0).pattern = re;
    },
  })),
  fc.oneof(junk, fc.constant('1.0'), fc.constant('v2')).map((v) => ({
    path: 'version',
    apply: (p: Json) => {
      p.version = v;
    },
  })),
  fc.oneof(junk, fc.constant([])).map((v) => ({
    path: 'policies',
    apply: (p: Json) => {
      p.policies = v;
    },
  })),
  fc
    .tuple(
      fc.constantFrom('mustMatch', 'mustNotMatch'),
      fc.integer({ min: 0, max: 2 }),
      notAnExample,
    )
    .map(([list, k, v]) => ({
      path: `policies[1].rules[0].examples.${list}[${k}]`,
      apply: (p: Json) => {
        (at(p, 'policies', 1, 'rules', 0, 'examples', list) as unknown as unknown[])[k] = v;
      },
    })),
  fc
    .tuple(
      fc.constantFrom('op', 'value', 'field'),
      fc.oneof(
        // "<" or ">" would be a valid op: a string fast-check does generate now and then.
        fc.string({ maxLength: 8 }).filter((v) => !['<', '<=', '>', '>=', '==', '!='].includes(v)),
        fc.constant(null),
        fc.constant([1]),
      ),
    )
    .map(([key, v]) => ({
      path: `policies[1].rules[1].rules[2].rule.${key}`,
      apply: (p: Json) => {
        at(p, 'policies', 1, 'rules', 1, 'rules', 2, 'rule')[key] = v;
      },
    })),
  fc.integer({ min: 0, max: 3 }).map((k) => ({
    // A mustMatch example moved to mustNotMatch: the examples themselves fail.
    path: 'policies[0].rules[0].examples.mustNotMatch[4]',
    apply: (p: Json) => {
      const ex = at(p, 'policies', 0, 'rules', 0, 'examples') as unknown as Record<
        string,
        string[]
      >;
      ex.mustNotMatch!.push(ex.mustMatch![k]!);
    },
  })),
  fc.constantFrom('policies', 'rules').map((which) => ({
    path: which === 'policies' ? 'policies[1].id' : 'policies[1].rules[1].id',
    apply: (p: Json) => {
      if (which === 'policies') at(p, 'policies', 1).id = at(p, 'policies', 0).id;
      else at(p, 'policies', 1, 'rules', 1).id = at(p, 'policies', 1, 'rules', 0).id;
    },
  })),
);

describe('malformed packs (property)', () => {
  it('rejects each with an error naming its JSON path, never a crash; the active pack survives', async () => {
    const good = await loadPack(base(), { allowUnsigned: true });
    const slot = activatePack(emptySlot, good);
    expect(slot.active).toBeDefined();
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 1 }), async ([m]) => {
        const pack = base();
        m!.apply(pack);
        const result = await loadPack(pack, { allowUnsigned: true });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const paths = result.errors.map((e) => e.path);
        expect(
          paths.some(
            (p) => p === m!.path || p.startsWith(`${m!.path}.`) || p.startsWith(`${m!.path}[`),
          ),
        ).toBe(true);
        for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
        const after = activatePack(slot, result);
        expect(after.active).toBe(slot.active);
        expect(after.errors).toEqual(result.errors);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('survives arbitrary JSON without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (json) => {
        const result = await loadPack(json, { allowUnsigned: true });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('survives absurd nesting', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = await loadPack(
      { id: 'a', version: '1.0.0', policies: deep },
      { allowUnsigned: true },
    );
    expect(result.ok).toBe(false);
  });
});
