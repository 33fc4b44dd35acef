import { defineConfig } from '@playwright/test';

// One worker: each test owns a whole Chromium with the extension loaded, and the CI machine
// has two cores. Tests are independent (each has its own profile), so order does not matter.
// Two projects: Chromium (Playwright drives Debian's Chromium) and Firefox (puppeteer-core
// drives Debian's firefox-esr over WebDriver BiDi; its tests use no Playwright browser).
export default defineConfig({
  projects: [
    { name: 'chromium', testDir: 'tests/e2e' },
    { name: 'firefox', testDir: 'tests/e2e-firefox' },
  ],
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
});
