/**
 * Keys of what Flagpost keeps in storage.local that content scripts listen for. Plain
 * strings in their own file: the content script watches them for changes (and then asks
 * the background, which reads and validates the values) without loading their schemas.
 */

/** Hostnames the reviewer switched Flagpost off for (lib/overlay/site-switch.ts). */
export const DISABLED_SITES_KEY = 'disabledSites';

/** The organisation's declarative adapters as imported (lib/sites/site-adapters-store.ts). */
export const SITE_ADAPTERS_KEY = 'siteAdapters';
