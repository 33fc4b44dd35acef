/**
 * The organisation's declarative adapters (its review console, other marketplaces), kept as
 * the imported JSON in storage.local: the content script must read them on every page, and
 * they hold no secret. They are validated when imported (options page) and again when read,
 * against the page's own DOM (CSS selectors), so a bad file can never break a page.
 */
import { browser } from 'wxt/browser';
import { parseDeclarativeAdapters } from './declarative';
import type { SiteAdapter } from './types';

export const SITE_ADAPTERS_KEY = 'siteAdapters';

export async function loadSiteAdapters(doc: Document): Promise<SiteAdapter[]> {
  const stored = (await browser.storage.local.get(SITE_ADAPTERS_KEY))[SITE_ADAPTERS_KEY];
  if (stored === undefined) return [];
  const parsed = parseDeclarativeAdapters(stored, doc);
  return parsed.ok ? parsed.adapters : [];
}

/** Validates first; nothing is written when the file is bad. */
export async function saveSiteAdapters(json: unknown, doc: Document) {
  const parsed = parseDeclarativeAdapters(json, doc);
  if (parsed.ok) await browser.storage.local.set({ [SITE_ADAPTERS_KEY]: json });
  return parsed;
}

export async function clearSiteAdapters(): Promise<void> {
  await browser.storage.local.remove(SITE_ADAPTERS_KEY);
}
