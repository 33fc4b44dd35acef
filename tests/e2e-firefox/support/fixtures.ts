/**
 * Playwright's runner (no Playwright browser) for the Firefox end-to-end tests: the demo
 * pages (one server per worker) and a Firefox with the built extension on a fresh profile
 * (one per test). Firefox's own output is attached to a failed test.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../../fixtures/server';
import {
  FIREFOX_EXTENSION_DIR,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  newFirefoxProfileDir,
} from './firefox';

export interface Fixtures {
  profileDir: string;
  firefox: FirefoxWithExtension;
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
    const dir = await newFirefoxProfileDir();
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  firefox: async ({ profileDir }, use, testInfo) => {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      throw new Error(
        `No Firefox build in ${FIREFOX_EXTENSION_DIR}. Run "npm run build:firefox" (or "npm run test:e2e", which builds both).`,
      );
    const launched = await launchFirefoxWithExtension(profileDir);
    await use(launched);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('firefox-output.txt', {
        body: launched.output(),
        contentType: 'text/plain',
      });
    await launched.close().catch(() => {});
  },
});

export { expect };

export const VIDEO_PATH = '/@lena.glow/video/7301234567890123456';
export const VIDEO_ITEM = '7301234567890123456';
