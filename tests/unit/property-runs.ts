/**
 * Test tiers for property tests. `npm test` and CI run every property test at its full count;
 * `npm run test:quick` (FLAGPOST_QUICK=1) runs a tenth of each, at least 20, so a change can
 * be checked in under two minutes. The counts that catch rare interleavings (the outbox
 * model's 1,000 runs) stay in CI.
 */
export function propertyRuns(full: number): number {
  // CI keeps the full counts even where FLAGPOST_QUICK leaks into its environment.
  if (process.env.FLAGPOST_QUICK !== '1' || process.env.CI) return full;
  return Math.min(full, Math.max(20, Math.ceil(full / 10)));
}
