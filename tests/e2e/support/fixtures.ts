/**
 * Playwright fixtures: the demo-page server (one per worker) and a Chromium with the built
 * extension on a fresh profile (one per test), plus helpers to reach the overlay.
 */
import { rm } from 'node:fs/promises';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import { type ExtensionBrowser, launchWithExtension, newProfileDir } from './chromium';

export interface Fixtures {
  profileDir: string;
  browserWithExtension: ExtensionBrowser;
}

export const test = base.extend<Fixtures, { pages: FixtureServer }>({
  pages: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
  profileDir: async ({}, use) => {
    const dir = await newProfileDir();
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  browserWithExtension: async ({ profileDir }, use) => {
    const launched = await launchWithExtension(profileDir);
    await use(launched);
    await launched.context.close();
  },
});

export { expect };

export const VIDEO_PATH = '/@lena.glow/video/7301234567890123456';

/** The overlay of one item (Playwright's CSS locators pierce open shadow roots). */
export function overlayOf(page: Page, itemId: string): Locator {
  return page.locator(`flagpost-overlay [data-testid="item-overlay"][data-item-id="${itemId}"]`);
}

export function popupUrl(extensionId: string) {
  return `chrome-extension://${extensionId}/popup.html`;
}
