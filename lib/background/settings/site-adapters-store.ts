/**
 * The organisation's declarative adapters (its review console, other marketplaces), kept as
 * the imported JSON in the trusted store (trusted-store.ts): content scripts get them from
 * `page.setup`, never from storage, so a page cannot plant one. They are validated in full when imported (options page, whose DOM checks every
 * CSS selector) and again when the background hands them to a content script (page.setup),
 * so a bad file can never break a page.
 */
import { parseDeclarativeAdapters } from '@/lib/page/sites/declarative-import';
import type { SiteAdapter } from '@/lib/page/sites/types';
import { SITE_ADAPTERS_KEY } from '@/lib/shared/settings/local-keys';
import {
  type DeclarativeAdapterSpec,
  declarativeSchemas,
} from '@/lib/shared/sites/declarative-schema';
import { readTrusted, writeTrusted } from './trusted-store';

export { SITE_ADAPTERS_KEY } from '@/lib/shared/settings/local-keys';

/**
 * The stored adapters' specs, validated without a DOM (the background has none): every
 * field but the CSS selectors' syntax, which the import checked and which the content
 * script's readers survive anyway (a selector that throws reads nothing).
 */
export async function loadSiteAdapterSpecs(): Promise<DeclarativeAdapterSpec[]> {
  const stored = await readTrusted(SITE_ADAPTERS_KEY);
  if (stored === undefined) return [];
  const input = Array.isArray(stored) ? { adapters: stored } : stored;
  const parsed = declarativeSchemas().file.safeParse(input);
  return parsed.success ? parsed.data.adapters : [];
}

export async function loadSiteAdapters(doc: Document): Promise<SiteAdapter[]> {
  const stored = await readTrusted(SITE_ADAPTERS_KEY);
  if (stored === undefined) return [];
  const parsed = parseDeclarativeAdapters(stored, doc);
  return parsed.ok ? parsed.adapters : [];
}

/** Validates first; nothing is written when the file is bad. */
export async function saveSiteAdapters(json: unknown, doc: Document) {
  const parsed = parseDeclarativeAdapters(json, doc);
  if (parsed.ok) await writeTrusted({ [SITE_ADAPTERS_KEY]: json });
  return parsed;
}

export async function clearSiteAdapters(): Promise<void> {
  await writeTrusted({ [SITE_ADAPTERS_KEY]: undefined });
}
