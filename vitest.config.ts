import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Test tiers. `npm test` (and CI) runs every suite at full counts. `npm run test:quick`
 * (FLAGPOST_QUICK=1) is the tier to run while changing code, in under two minutes: property
 * tests at a tenth of their runs (tests/unit/property-runs.ts), and without the suites that
 * start the governance endpoint on its embedded database (PGlite), which hold most of the
 * suite's time: tests/server's integration suites and the extension-against-endpoint ones.
 */
const QUICK = process.env.FLAGPOST_QUICK === '1';
/** The extension's code against a real endpoint (tests/server's are left out by `include`). */
const ENDPOINT_SUITES = [
  'tests/unit/background/escalation/decisions.test.ts',
  'tests/unit/background/escalation/lane-endpoint.test.ts',
  'tests/unit/background/escalation/receipt-notifications.test.ts',
  'tests/unit/background/sync/outbox-real-endpoint.test.ts',
  'tests/unit/background/sync/poison-chaos.test.ts',
  'tests/unit/background/sync/sync-real-server.test.ts',
  'tests/unit/shared/evidence/upload.test.ts',
  'tests/unit/shared/risk/creator-history-real-server.test.ts',
];
/** Endpoint code tested without a database: in the quick tier too. */
const PURE_SERVER_SUITES = ['units', 'openapi', 'console-kappa', 'console-csv'].map(
  (name) => `tests/server/${name}.test.ts`,
);

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: QUICK
      ? ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', ...PURE_SERVER_SUITES]
      : ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx', 'tests/server/**/*.test.ts'],
    exclude: QUICK ? [...configDefaults.exclude, ...ENDPOINT_SUITES] : configDefaults.exclude,
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the worker count small so e2e-sized suites do not thrash.
    maxWorkers: 2,
  },
});
