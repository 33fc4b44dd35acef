/**
 * Service-worker starts against a fake IndexedDB: each start is a fresh module graph (as
 * after MV3's idle stop), with the database left as the previous start wrote it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PolicyInput } from '@/lib/shared/policy';

const TERMS_KEY = 'policyPackTermIndexes';
const EXAMPLES_KEY = 'policyPackExamplesPassed';
const PACK_KEY = 'policyPack';

const mini = (): Record<string, unknown> =>
  JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8'));

/** The mini pack with one more counterfeit term (and an example for it). */
function miniWithKnockoff(): Record<string, unknown> {
  const json = mini();
  const rule = (json.policies as Array<{ rules: Array<Record<string, unknown>> }>)[0]!.rules[0]!;
  rule.terms = [...(rule.terms as unknown[]), 'knockoff'];
  const examples = rule.examples as { mustMatch: string[] };
  examples.mustMatch = [...examples.mustMatch, 'knockoff bag'];
  return json;
}

let releaseVersion = '1.0.0';

beforeEach(() => {
  releaseVersion = '1.0.0';
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockImplementation(
    () => ({ version: releaseVersion }) as ReturnType<typeof fakeBrowser.runtime.getManifest>,
  );
});

afterEach(async () => {
  const { database } = await import('@/entrypoints/background/database');
  await (await database()).meta.bulkDelete([TERMS_KEY, EXAMPLES_KEY, PACK_KEY]);
  vi.restoreAllMocks();
});

/** One worker start: fresh modules, the active pack loaded; how often the schema ran. */
async function start() {
  vi.resetModules();
  const engine = await import('@/entrypoints/background/policy-engine');
  const { packSchema } = await import('@/lib/shared/policy/pack-schema');
  const { evaluate } = await import('@/lib/shared/policy/evaluate');
  const { database } = await import('@/entrypoints/background/database');
  const parse = vi.spyOn(packSchema, 'safeParse');
  const pack = await engine.activePack();
  const validations = parse.mock.calls.length;
  parse.mockRestore();
  const findings = (input: PolicyInput) =>
    evaluate(pack, input).map((f) => `${f.policyId}/${f.ruleId}`);
  return { engine, pack, validations, findings, db: await database() };
}

type Db = Awaited<ReturnType<typeof start>>['db'];

/** Waits for the start's background write of its kept packs (one entry per loaded pack). */
async function keptEntries(db: Db, count: number): Promise<Array<Record<string, unknown>>> {
  let entries: Array<Record<string, unknown>> = [];
  await vi.waitFor(
    async () => {
      const row = await db.meta.get(TERMS_KEY);
      entries = (row?.value ?? []) as Array<Record<string, unknown>>;
      const written = entries.filter((e) => e.warm !== undefined && e.release === releaseVersion);
      expect(written.length).toBe(count);
    },
    { timeout: 60_000, interval: 50 },
  );
  return entries;
}

/** What identifies an entry (comparing whole indexes would take the test minutes). */
const summary = (entry: Record<string, unknown> | undefined) => ({
  digest: entry?.digest,
  release: entry?.release,
  contentKey: (entry?.warm as Record<string, unknown> | undefined)?.contentKey,
  termCount: (entry?.index as Record<string, unknown> | undefined)?.termCount,
});

const item: PolicyInput = {
  fields: { title: 'Herbal tea', description: 'Cures diabetes in 7 days, LINE: @shop123' },
};

describe('warm worker starts', () => {
  it('a second start of the release reuses the kept spec: no validation, same verdicts', async () => {
    const first = await start();
    expect(first.validations).toBeGreaterThan(0);
    await keptEntries(first.db, 1);
    const second = await start();
    expect(second.validations).toBe(0);
    expect(second.pack.version).toBe(first.pack.version);
    expect(second.findings(item)).toEqual(first.findings(item));
    expect(second.findings(item).length).toBeGreaterThan(0);
    // Nothing changed, so the second start writes nothing back.
    expect((await second.engine.packStatus()).policies).toEqual(
      (await first.engine.packStatus()).policies,
    );
  }, 120_000);

  it('a new release loads the full way', async () => {
    await keptEntries((await start()).db, 1);
    releaseVersion = '1.0.1';
    const next = await start();
    expect(next.validations).toBeGreaterThan(0);
    await keptEntries(next.db, 1);
  }, 120_000);

  it('a damaged or stale entry falls back to the full load, which writes a good one', async () => {
    const first = await start();
    const [entry] = await keptEntries(first.db, 1);
    const warm = entry!.warm as Record<string, unknown>;
    const bad: unknown[] = [
      { ...entry, warm: { ...warm, spec: { id: 'starter' } } },
      { ...entry, warm: { ...warm, patterns: [{ source: 'x', ops: 'garbage' }] } },
      { ...entry, warm: { ...warm, contentKey: '0'.repeat(64) } },
      { ...entry, digest: 'f'.repeat(64) },
      { ...entry, index: {} },
    ];
    for (const damaged of bad) {
      await first.db.meta.put({ key: TERMS_KEY, value: [damaged] });
      const again = await start();
      expect(again.validations).toBeGreaterThan(0);
      expect(again.findings(item)).toEqual(first.findings(item));
      const [rewritten] = await keptEntries(again.db, 1);
      expect(summary(rewritten)).toEqual(summary(entry));
    }
    expect((await start()).validations).toBe(0);
  }, 300_000);

  it('an imported pack starts warm too, and a changed one never reuses its entry', async () => {
    const first = await start();
    const { saveSettings } = await import('@/lib/background/settings/settings');
    await saveSettings({ allowUnsignedPacks: true });
    const activated = await first.engine.activateCandidate(mini(), 'file');
    expect(activated.ok).toBe(true);
    await keptEntries((await start()).db, 2);
    const warm = await start();
    expect(warm.validations).toBe(0);
    expect(warm.pack.id).toBe('mini');
    const knockoff: PolicyInput = { fields: { title: 'knockoff watch' } };
    expect(warm.findings(knockoff)).toEqual([]);
    // The stored pack changes under the kept entry (same id and version, one more term).
    const stored = (await warm.db.meta.get(PACK_KEY))!.value as Record<string, unknown>;
    await warm.db.meta.put({ key: PACK_KEY, value: { ...stored, json: miniWithKnockoff() } });
    const changed = await start();
    expect(changed.validations).toBe(1);
    expect(changed.pack.id).toBe('mini');
    expect(changed.findings(knockoff)).toEqual(['counterfeit/replica-terms']);
    // Back to the bundled pack: the next start keeps only its entry.
    expect((await changed.engine.restoreBundledPack()).ok).toBe(true);
    await keptEntries(changed.db, 2);
    const restored = await start();
    expect(restored.validations).toBe(0);
    await keptEntries(restored.db, 1);
  }, 300_000);
});
