/**
 * Where Flagpost keeps the reviewer's settings, and their keys. Plain strings in their own
 * file: the test support and the background use them without loading any schema.
 *
 * Settings live in the extension's own IndexedDB database (lib/background/settings/
 * trusted-store.ts), which only extension pages and the service worker reach. Not in
 * `storage.local`: Chrome lets every content script read and write that area, and content
 * scripts run in renderers the page controls, so a setting there (the endpoint URL, trusted
 * pack keys, adapters, the automation switch) could be changed from a page.
 */

/** The trusted database, its one object store, and the channel that announces changes. */
export const TRUSTED_DB_NAME = 'flagpost-settings';
export const TRUSTED_STORE_NAME = 'values';
export const TRUSTED_CHANGES_CHANNEL = 'flagpost-settings-changed';

/** Hostnames the reviewer switched Flagpost off for (lib/background/settings/site-switch.ts). */
export const DISABLED_SITES_KEY = 'disabledSites';

/** The organisation's declarative adapters as imported (lib/background/settings/site-adapters-store.ts). */
export const SITE_ADAPTERS_KEY = 'siteAdapters';

/**
 * `true` asks for an open overlay shadow root, so that browser automation (the end-to-end
 * tests, the `npm start` tour, the overlay bench) can query the overlays: Playwright reaches
 * into open shadow roots only. Closed otherwise, so page scripts cannot read what the
 * reviewer sees and writes there (findings, flags, notes). Only trusted extension contexts
 * can write it; never migrated from storage.local, where a content script could have put it.
 */
export const OPEN_OVERLAY_FOR_AUTOMATION_KEY = 'openOverlayForAutomation';

/** The reviewer's settings (lib/background/settings/settings.ts). */
export const SETTINGS_KEY = 'settings';

/** The keys that once lived in storage.local and move to the trusted store once. */
export const MIGRATED_FROM_LOCAL = [SETTINGS_KEY, DISABLED_SITES_KEY, SITE_ADAPTERS_KEY] as const;
