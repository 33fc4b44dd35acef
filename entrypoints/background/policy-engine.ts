/**
 * The active policy pack, compiled once per service-worker life and kept in memory; the
 * pack's JSON is kept in the database so an imported or fetched pack survives restarts.
 * A candidate that fails validation, its own examples, its signature or the version check
 * never replaces the active pack: the reviewer keeps working with the last good one.
 */

import { browser } from 'wxt/browser';
import { loadSettings } from '@/lib/background/settings/settings';
import type { PackErrorView, PackStatus } from '@/lib/messaging/pack-messages';
import {
  activatePack,
  type CompiledPack,
  emptySlot,
  type LoadPackOptions,
  type LoadPackResult,
  loadPack,
  type PackError,
  type PackSlot,
  STARTER_PACK_JSON,
} from '@/lib/shared/policy';
import type { TermIndex } from '@/lib/shared/policy/term-index';
import {
  type StoredTermIndex,
  storedIndexForm,
  storedTermIndex,
  TERM_INDEX_FORMAT,
} from '@/lib/shared/policy/term-index-store';
import {
  packContentKey,
  WARM_PACK_FORMAT,
  type WarmPack,
  warmSpecOf,
} from '@/lib/shared/policy/warm-pack-store';
import { database } from './database';

type PackSource = PackStatus['source'];
interface StoredPack {
  json: unknown;
  source: PackSource;
  activatedAt: string;
  etag?: string;
}
const META_KEY = 'policyPack';
/**
 * Digests of packs whose examples passed, and the extension release they passed under: a
 * new release may change normalisation, so its first start runs every example again.
 */
const EXAMPLES_KEY = 'policyPackExamplesPassed';
interface ExamplesPassed {
  release: string;
  digests: string[];
}

let slot: PackSlot = emptySlot;
let source: PackSource = 'bundled';
let activatedAt: string | undefined;
let loading: Promise<CompiledPack> | undefined;

function release(): string | undefined {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return undefined;
  }
}

async function examplesPassed(): Promise<Set<string>> {
  const current = release();
  if (!current) return new Set();
  const row = await (await database()).meta.get(EXAMPLES_KEY).catch(() => undefined);
  const value = row?.value as Partial<ExamplesPassed> | undefined;
  if (value?.release !== current || !Array.isArray(value.digests)) return new Set();
  return new Set(value.digests.filter((d): d is string => typeof d === 'string'));
}

/** Remembers the digests whose examples passed in this load (only the bundled and stored). */
async function rememberExamples(
  passed: ReadonlySet<string>,
  results: LoadPackResult[],
): Promise<void> {
  const current = release();
  if (!current) return;
  const digests = new Set<string>();
  // A pack loaded with rules left out (their examples failed here) has not passed.
  for (const r of results) if (r.ok && !r.skipped) digests.add(r.digest);
  if ([...digests].every((d) => passed.has(d)) && digests.size === passed.size) return;
  const value: ExamplesPassed = { release: current, digests: [...digests] };
  await (await database()).meta.put({ key: EXAMPLES_KEY, value }).catch(() => undefined);
}

/**
 * What a worker start reuses for the bundled and stored packs, one entry per pack: its
 * compiled term index, so a start need not normalise every term again, and (warm-pack-store.ts)
 * its validated spec and pattern programs under a content key of its JSON, so neither the
 * schema nor the canonical digest runs again. Each part is checked against this release, the
 * pack's digest or content key, and its shape; a bad part is ignored and rebuilt.
 */
const TERMS_KEY = 'policyPackTermIndexes';
type KeptPack = StoredTermIndex & { warm?: WarmPack };

/** What the packs of one start can reuse; `entries` is what storage held, unchecked. */
interface StartCache {
  examplesPassed: ReadonlySet<string>;
  termIndexes: ReadonlyMap<string, TermIndex>;
  entries: readonly unknown[];
}

async function startCache(): Promise<StartCache> {
  const passed = await examplesPassed();
  const current = release();
  const indexes = new Map<string, TermIndex>();
  if (!current) return { examplesPassed: passed, termIndexes: indexes, entries: [] };
  const row = await (await database()).meta.get(TERMS_KEY).catch(() => undefined);
  const entries = Array.isArray(row?.value) ? (row.value as unknown[]) : [];
  for (const entry of entries) {
    const digest = (entry as Partial<StoredTermIndex> | undefined)?.digest;
    // Only packs that loaded whole before (their examples passed) are trusted from storage.
    if (typeof digest !== 'string' || !passed.has(digest)) continue;
    const index = storedTermIndex(entry, { digest, release: current });
    if (index) indexes.set(digest, index);
  }
  return { examplesPassed: passed, termIndexes: indexes, entries };
}

/** A pack's JSON with its content key (undefined if WebCrypto failed: no warm load). */
interface Keyed {
  json: unknown;
  contentKey: string | undefined;
}

async function keyed(json: unknown): Promise<Keyed> {
  return { json, contentKey: await packContentKey(json).catch(() => undefined) };
}

/** loadPack's options for this JSON: the start cache, and its warm entry if one is sound. */
function reuse(cache: StartCache, pack: Keyed) {
  const base = { examplesPassed: cache.examplesPassed, termIndexes: cache.termIndexes };
  if (!pack.contentKey) return base;
  for (const entry of cache.entries) {
    const kept = entry as Partial<KeptPack> | undefined;
    const digest = kept?.digest;
    // The index was checked with its digest; the warm part must name the same pack.
    if (typeof digest !== 'string' || !cache.termIndexes.has(digest)) continue;
    const warm = warmSpecOf(kept?.warm, pack.contentKey);
    if (warm) return { ...base, warm: { ...warm, digest } };
  }
  return base;
}

/** Writes the entries again unless every pack came whole from them and nothing else is kept. */
async function rememberPacks(
  cache: StartCache,
  loaded: ReadonlyArray<{ pack: Keyed; result: LoadPackResult }>,
): Promise<void> {
  const current = release();
  if (!current) return;
  const value: KeptPack[] = [];
  let changed = false;
  for (const { pack, result } of loaded) {
    if (!result.ok) continue;
    if (!result.warmed || cache.termIndexes.get(result.digest) !== result.pack.terms)
      changed = true;
    const entry: KeptPack = {
      format: TERM_INDEX_FORMAT,
      release: current,
      digest: result.digest,
      index: storedIndexForm(result.pack.terms),
    };
    if (pack.contentKey) {
      entry.warm = {
        format: WARM_PACK_FORMAT,
        contentKey: pack.contentKey,
        spec: result.spec,
        patterns: [...result.patterns.values()],
      };
    }
    value.push(entry);
  }
  // Also rewritten when it holds a pack no longer loaded (read and checked at every start).
  if (!changed && value.length === cache.entries.length) return;
  await (await database()).meta.put({ key: TERMS_KEY, value }).catch(() => undefined);
}

async function candidate(
  json: unknown,
  cache?: Pick<LoadPackOptions, 'examplesPassed' | 'termIndexes' | 'warm'>,
): Promise<LoadPackResult> {
  const settings = await loadSettings();
  return loadPack(json, {
    allowUnsigned: settings.allowUnsignedPacks,
    trustedKeys: settings.trustedPackKeys,
    ...cache,
  });
}

async function storedPack(): Promise<StoredPack | undefined> {
  const row = await (await database()).meta.get(META_KEY);
  return row?.value as StoredPack | undefined;
}

/** The pack in use now (loading it on first use); a later activation replaces it. */
export async function activePack(): Promise<CompiledPack> {
  loading ??= load();
  await loading;
  if (!slot.active) throw new Error('No policy pack is active.');
  return slot.active;
}

function load(): Promise<CompiledPack> {
  return (async () => {
    // The bundled pack ships with this release and is trusted as such. Examples that
    // passed at an earlier start of this release are not run again (load-pack.ts).
    const cache = await startCache();
    const bundledPack = await keyed(STARTER_PACK_JSON);
    // A rule of it whose examples fail in this browser (they all passed in Node before it
    // shipped) is left out, loudly, rather than the whole pack and every finding with it.
    const bundled = await loadPack(STARTER_PACK_JSON, {
      allowUnsigned: true,
      skipRulesFailingExamples: true,
      ...reuse(cache, bundledPack),
    });
    for (const e of bundled.ok ? (bundled.skipped ?? []) : bundled.errors)
      console.error(`Flagpost bundled pack: ${describePackError(e)}`);
    slot = activatePack(emptySlot, bundled);
    source = 'bundled';
    const loaded = [{ pack: bundledPack, result: bundled }];
    const stored = await storedPack().catch(() => undefined);
    if (stored) {
      const storedJson = await keyed(stored.json);
      const result = await candidate(stored.json, reuse(cache, storedJson));
      loaded.push({ pack: storedJson, result });
      const next = activatePack(slot, result, { allowDowngrade: true });
      if (next.active !== slot.active) ({ source, activatedAt } = stored);
      slot = next;
    }
    const results = loaded.map((l) => l.result);
    void rememberExamples(cache.examplesPassed, results).then(() => rememberPacks(cache, loaded));
    if (!slot.active) {
      loading = undefined;
      const first = bundled.ok ? undefined : bundled.errors[0];
      throw new Error(
        `The bundled policy pack failed to load${first ? `: ${describePackError(first)}` : '.'}`,
      );
    }
    return slot.active;
  })();
}

/** "policies[3].rules[1].examples.mustMatch[2] (adult-services/rule-id, "example"): message" */
function describePackError(e: PackError): string {
  const rule = e.ruleId ? `${e.policyId ?? '?'}/${e.ruleId}` : undefined;
  const where = [rule, e.example === undefined ? undefined : JSON.stringify(e.example)]
    .filter(Boolean)
    .join(', ');
  return `${e.path || 'pack'}${where ? ` (${where})` : ''}: ${e.message}`;
}

export async function packStatus(): Promise<PackStatus> {
  const pack = await activePack();
  const report = slot.report;
  return {
    packId: pack.id,
    version: pack.version,
    source,
    signed: report?.signed ?? false,
    termCount: report?.termCount ?? 0,
    ...(activatedAt ? { activatedAt } : {}),
    policies: (report?.policies ?? []).map((p) => ({
      id: p.id,
      title: p.title,
      severity: p.severity,
      markets: p.markets,
      rules: p.rules.length,
    })),
    lastErrors: slot.errors,
  };
}

export type ActivationResult =
  | {
      ok: true;
      status: PackStatus;
      message: string;
      outcome?: 'activated' | 'unchanged' | 'restored';
    }
  | { ok: false; errors: PackErrorView[]; status: PackStatus };

/** Validates and, only if everything passes, activates and keeps a new pack. */
export async function activateCandidate(
  json: unknown,
  from: Exclude<PackSource, 'bundled'>,
  etag?: string,
): Promise<ActivationResult> {
  await activePack();
  const before = slot.active;
  slot = activatePack(slot, await candidate(json));
  if (slot.active === before) return { ok: false, errors: slot.errors, status: await packStatus() };
  source = from;
  activatedAt = new Date().toISOString();
  const stored: StoredPack = { json, source, activatedAt, ...(etag ? { etag } : {}) };
  await (await database()).meta.put({ key: META_KEY, value: stored });
  const status = await packStatus();
  return {
    ok: true,
    status,
    message: `Activated ${status.packId} ${status.version}.`,
    outcome: 'activated',
  };
}

/**
 * Puts the pack that ships with this release back in use, offline: the imported or fetched
 * pack is forgotten (a later fetch from the endpoint may bring it back, as asked).
 */
export async function restoreBundledPack(): Promise<ActivationResult> {
  await activePack();
  const cache = await startCache();
  const bundled = await loadPack(STARTER_PACK_JSON, {
    allowUnsigned: true,
    ...reuse(cache, await keyed(STARTER_PACK_JSON)),
  });
  const next = activatePack(emptySlot, bundled);
  if (!next.active) return { ok: false, errors: next.errors, status: await packStatus() };
  await (await database()).meta.delete(META_KEY);
  slot = next;
  source = 'bundled';
  activatedAt = undefined;
  const status = await packStatus();
  return {
    ok: true,
    status,
    message: `Restored the bundled pack ${status.packId} ${status.version}.`,
    outcome: 'restored',
  };
}

export async function storedEtag(): Promise<string | undefined> {
  const stored = await storedPack();
  return stored?.source === 'endpoint' ? stored.etag : undefined;
}

/** Which pack version a flag on this policy was judged under. */
export async function policyVersionFor(policyId: string): Promise<string | undefined> {
  const pack = await activePack();
  return pack.policies.some((p) => p.id === policyId) ? pack.version : undefined;
}
