/**
 * The active policy pack, compiled once per service-worker life and kept in memory; the
 * pack's JSON is kept in the database so an imported or fetched pack survives restarts.
 * A candidate that fails validation, its own examples, its signature or the version check
 * never replaces the active pack: the reviewer keeps working with the last good one.
 */

import { loadSettings } from '@/lib/background/settings/settings';
import type { PackErrorView, PackStatus } from '@/lib/messaging/pack-messages';
import {
  activatePack,
  type CompiledPack,
  emptySlot,
  type LoadPackResult,
  loadPack,
  type PackSlot,
  STARTER_PACK_JSON,
} from '@/lib/shared/policy';
import { database } from './database';

type PackSource = PackStatus['source'];
interface StoredPack {
  json: unknown;
  source: PackSource;
  activatedAt: string;
  etag?: string;
}
const META_KEY = 'policyPack';

let slot: PackSlot = emptySlot;
let source: PackSource = 'bundled';
let activatedAt: string | undefined;
let loading: Promise<CompiledPack> | undefined;

async function candidate(json: unknown): Promise<LoadPackResult> {
  const settings = await loadSettings();
  return loadPack(json, {
    allowUnsigned: settings.allowUnsignedPacks,
    trustedKeys: settings.trustedPackKeys,
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
    // The bundled pack ships with this release and is trusted as such.
    slot = activatePack(emptySlot, await loadPack(STARTER_PACK_JSON, { allowUnsigned: true }));
    source = 'bundled';
    const stored = await storedPack().catch(() => undefined);
    if (stored) {
      const next = activatePack(slot, await candidate(stored.json), { allowDowngrade: true });
      if (next.active !== slot.active) ({ source, activatedAt } = stored);
      slot = next;
    }
    if (!slot.active) {
      loading = undefined;
      throw new Error('The bundled policy pack failed to load.');
    }
    return slot.active;
  })();
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
  | { ok: true; status: PackStatus; message: string }
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
  return { ok: true, status, message: `Activated ${status.packId} ${status.version}.` };
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
