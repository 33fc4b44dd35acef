/**
 * Sites the reviewer switched Flagpost off for, in the trusted store (trusted-store.ts).
 * `setSiteEnabled` (the popup) is the one writer; the background reads it for `page.setup`
 * and tells content scripts when it changed (a `setup-changed` tab command).
 */
import { z } from 'zod';
import { DISABLED_SITES_KEY } from '@/lib/shared/settings/local-keys';
import { readTrusted, writeTrusted } from './trusted-store';

export { DISABLED_SITES_KEY } from '@/lib/shared/settings/local-keys';

/** Hostnames, lower case. Anything else in storage counts as "none disabled". */
export const disabledSitesSchema = z.array(z.string().min(1).max(253)).max(10_000);

export function parseDisabledSites(value: unknown): string[] {
  const parsed = disabledSitesSchema.safeParse(value ?? []);
  return parsed.success ? parsed.data.map((host) => host.toLowerCase()) : [];
}

export async function readDisabledSites(): Promise<string[]> {
  return parseDisabledSites(await readTrusted(DISABLED_SITES_KEY));
}

export async function isSiteEnabled(host: string): Promise<boolean> {
  return !(await readDisabledSites()).includes(host.toLowerCase());
}

/** Switches Flagpost on or off for one hostname (what the popup's toggle calls). */
export async function setSiteEnabled(host: string, enabled: boolean): Promise<void> {
  const name = host.toLowerCase();
  const others = (await readDisabledSites()).filter((h) => h !== name);
  await writeTrusted({ [DISABLED_SITES_KEY]: enabled ? others : [...others, name] });
}
