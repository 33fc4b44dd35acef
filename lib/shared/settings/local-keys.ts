/**
 * Keys of what Flagpost keeps in storage.local that content scripts listen for. Plain
 * strings in their own file: the content script watches them for changes (and then asks
 * the background, which reads and validates the values) without loading their schemas.
 */

/** Hostnames the reviewer switched Flagpost off for (lib/background/settings/site-switch.ts). */
export const DISABLED_SITES_KEY = 'disabledSites';

/** The organisation's declarative adapters as imported (lib/background/settings/site-adapters-store.ts). */
export const SITE_ADAPTERS_KEY = 'siteAdapters';

/**
 * `true` asks for an open overlay shadow root, so that browser automation (the end-to-end
 * tests, the `npm start` tour, the overlay bench) can query the overlays: Playwright reaches
 * into open shadow roots only. Closed otherwise, so page scripts cannot read what the
 * reviewer sees and writes there (findings, flags, notes). Only extension contexts can
 * write storage.local; no page can open the root.
 */
export const OPEN_OVERLAY_FOR_AUTOMATION_KEY = 'openOverlayForAutomation';

/** The reviewer's settings (lib/background/settings/settings.ts): content scripts follow the language. */
export const SETTINGS_KEY = 'settings';
