/** fast-check generators of flags as the risk score sees them. */
import fc from 'fast-check';
import { SEVERITIES } from '@/lib/shared/protocol/records';
import type { RiskFlag } from '@/lib/shared/risk';

export const NOW = Date.parse('2026-11-01T00:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;

export const severityArb = fc.constantFrom(...SEVERITIES);

export const flagArb: fc.Arbitrary<RiskFlag> = fc.record({
  id: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
  severity: severityArb,
  status: fc.constantFrom('suggested', 'confirmed', 'dismissed'),
  source: fc.constantFrom('auto', 'manual'),
  policyId: fc.constantFrom('off-platform', 'counterfeit', 'health-claims'),
  ruleId: fc.option(fc.constantFrom('whatsapp', 'replica', 'cure'), { nil: undefined }),
  // Mostly in the past two years; some a little in the future (a skewed clock).
  createdAt: fc
    .integer({ min: NOW - 2 * YEAR_MS, max: NOW + 86_400_000 })
    .map((t) => new Date(t).toISOString()),
});

/** Distinct ids, as a creator's real flags have. */
export const flagsArb = (maxLength = 40) =>
  fc.uniqueArray(flagArb, { maxLength, selector: (flag) => flag.id });

/** Precision by rule key, each in [0, 1]. */
export const precisionsArb = fc.record({
  'off-platform:whatsapp': fc.double({ min: 0, max: 1, noNaN: true }),
  'counterfeit:replica': fc.double({ min: 0, max: 1, noNaN: true }),
  'health-claims:cure': fc.double({ min: 0, max: 1, noNaN: true }),
});
