import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluate, loadPack } from '@/lib/shared/policy';
import { packSchema } from '@/lib/shared/policy/pack-schema';
import {
  packContentKey,
  WARM_PACK_FORMAT,
  type WarmPack,
  warmSpecOf,
} from '@/lib/shared/policy/warm-pack-store';

const mini = (): Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

/** A round trip through the structured clone IndexedDB uses. */
const cloned = <T>(value: T): T => deserialize(serialize(value)) as T;

const input = { fields: { description: 'genuine r3plica bags, call 081 234 5678' } };

/** What policy-engine.ts keeps after a first load of the mini pack, read back from storage. */
async function kept() {
  const json = mini();
  const first = await loadPack(json, { allowUnsigned: true });
  if (!first.ok) throw new Error('mini pack should load');
  const contentKey = await packContentKey(json);
  const warm: WarmPack = cloned({
    format: WARM_PACK_FORMAT,
    contentKey,
    spec: first.spec,
    patterns: [...first.patterns.values()],
  });
  return { json, first, contentKey, warm };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('warm pack entries', () => {
  it('a kept spec loads without validation or digest and gives the same pack', async () => {
    const { json, first, contentKey, warm } = await kept();
    expect(warm.patterns.length).toBe(first.patterns.size);
    const reused = warmSpecOf(warm, contentKey);
    expect(reused).toBeDefined();
    const parse = vi.spyOn(packSchema, 'safeParse');
    const again = await loadPack(json, {
      allowUnsigned: true,
      examplesPassed: new Set([first.digest]),
      termIndexes: new Map([[first.digest, first.pack.terms]]),
      warm: { ...reused!, digest: first.digest },
    });
    expect(parse).not.toHaveBeenCalled();
    if (!again.ok) throw new Error('should load');
    expect(again.warmed).toBe(true);
    expect(again.examplesRun).toBe(false);
    expect(again.digest).toBe(first.digest);
    expect(again.report).toEqual(first.report);
    expect(evaluate(again.pack, input)).toEqual(evaluate(first.pack, input));
    expect(evaluate(again.pack, input).length).toBeGreaterThan(0);
  });

  it('the content key follows the JSON: same for a clone, different for any change', async () => {
    const json = mini();
    const key = await packContentKey(json);
    expect(await packContentKey(cloned(json))).toBe(key);
    expect(await packContentKey({ ...json, version: '9.9.9' })).not.toBe(key);
    const policies = cloned(json.policies) as Array<Record<string, unknown>>;
    policies[0]!.title = `${policies[0]!.title as string}.`;
    expect(await packContentKey({ ...json, policies })).not.toBe(key);
  });

  it('refuses another format, another pack, and a damaged spec or program', async () => {
    const { contentKey, warm } = await kept();
    expect(warmSpecOf(warm, contentKey)).toBeDefined();
    expect(warmSpecOf(warm, `${contentKey.slice(1)}0`)).toBeUndefined();
    expect(warmSpecOf({ ...warm, format: WARM_PACK_FORMAT + 1 }, contentKey)).toBeUndefined();
    expect(warmSpecOf(undefined, contentKey)).toBeUndefined();
    expect(warmSpecOf('x', contentKey)).toBeUndefined();
    const spec = warm.spec as unknown as Record<string, unknown>;
    const policy = (spec.policies as Array<Record<string, unknown>>)[0]!;
    const regex = warm.patterns[0]! as unknown as Record<string, unknown>;
    const ops = regex.ops as Uint8Array;
    const jump = ops.indexOf(4);
    const badJump = new Int32Array(regex.arg1 as Int32Array);
    if (jump >= 0) badJump[jump] = ops.length + 5;
    const damaged: unknown[] = [
      { ...warm, spec: {} },
      { ...warm, spec: { ...spec, policies: [] } },
      { ...warm, spec: { ...spec, policies: [{ ...policy, rules: [{ id: 'r' }] }] } },
      { ...warm, spec: { ...spec, contexts: [] } },
      { ...warm, patterns: {} },
      { ...warm, patterns: [{ ...regex, ops: [...ops] }] },
      { ...warm, patterns: [{ ...regex, arg2: new Int32Array(1) }] },
      { ...warm, patterns: [{ ...regex, ops: Uint8Array.from([...ops.slice(0, -1), 9]) }] },
      { ...warm, patterns: [{ ...regex, firstAscii: new Uint8Array(3) }] },
    ];
    if (jump >= 0) damaged.push({ ...warm, patterns: [{ ...regex, arg1: badJump }] });
    for (const d of damaged) expect(warmSpecOf(d, contentKey)).toBeUndefined();
  });

  it('a kept spec that fails to compile costs the full load, never the pack', async () => {
    const { json, first, contentKey, warm } = await kept();
    const spec = cloned(warm.spec) as unknown as Record<string, unknown>;
    const policies = spec.policies as Array<{ rules: Array<Record<string, unknown>> }>;
    // Passes the outline check (ids, kinds, examples) but has no terms to compile.
    policies[0]!.rules[0] = { ...policies[0]!.rules[0], kind: 'terms', terms: undefined };
    const reused = warmSpecOf({ ...warm, spec }, contentKey);
    expect(reused).toBeDefined();
    const again = await loadPack(json, {
      allowUnsigned: true,
      warm: { ...reused!, digest: first.digest },
    });
    if (!again.ok) throw new Error('should load the full way');
    expect(again.warmed).toBe(false);
    expect(again.digest).toBe(first.digest);
    expect(evaluate(again.pack, input)).toEqual(evaluate(first.pack, input));
  });

  it('a warm load still refuses an unsigned pack where unsigned packs are not allowed', async () => {
    const { json, first, contentKey, warm } = await kept();
    const again = await loadPack(json, {
      allowUnsigned: false,
      warm: { ...warmSpecOf(warm, contentKey)!, digest: first.digest },
    });
    expect(again.ok).toBe(false);
  });
});
