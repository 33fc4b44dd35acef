/**
 * Tells every tab's content script when a setting it follows changed (site switches,
 * adapters, language, platform hosts, the automation switch): the content script then asks
 * `page.setup` again. Content scripts cannot watch the settings themselves: they live in
 * the trusted store (lib/background/settings/trusted-store.ts), out of their reach.
 */
import { browser } from 'wxt/browser';
import { onTrustedChange } from '@/lib/background/settings/trusted-store';
import { setupChanged } from '@/lib/messaging/tab-commands';
import {
  DISABLED_SITES_KEY,
  OPEN_OVERLAY_FOR_AUTOMATION_KEY,
  SETTINGS_KEY,
  SITE_ADAPTERS_KEY,
} from '@/lib/shared/settings/local-keys';

const FOLLOWED = new Set([
  DISABLED_SITES_KEY,
  SITE_ADAPTERS_KEY,
  SETTINGS_KEY,
  OPEN_OVERLAY_FOR_AUTOMATION_KEY,
]);

export function announceSetupChanges(): void {
  onTrustedChange(async (keys) => {
    if (!keys.some((key) => FOLLOWED.has(key))) return;
    // Tab ids need no permission; a tab without our content script just refuses.
    const tabs = await browser.tabs.query({});
    for (const tab of tabs)
      if (tab.id !== undefined) void browser.tabs.sendMessage(tab.id, setupChanged).catch(() => {});
  });
}
