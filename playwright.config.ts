import { defineConfig } from '@playwright/test';

// One worker: each test owns a whole Chromium with the extension loaded, and the CI machine
// has two cores. Tests are independent (each has its own profile), so order does not matter.
export default defineConfig({
  testDir: 'tests/e2e',
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
