/**
 * The short list of policies a reviewer can flag by hand before any policy pack is loaded.
 * Ids match the starter pack's policies, so manual and automatic flags group together.
 */
import type { Severity } from '@/lib/shared/protocol/records';

export interface ManualPolicy {
  id: string;
  /** i18n message name of the title. */
  titleKey: string;
  severity: Severity;
}

export const MANUAL_POLICIES: readonly ManualPolicy[] = [
  { id: 'off-platform-diversion', titleKey: 'policyOffPlatform', severity: 'high' },
  { id: 'counterfeit-goods', titleKey: 'policyCounterfeit', severity: 'high' },
  { id: 'misleading-health-claims', titleKey: 'policyHealthClaims', severity: 'high' },
  { id: 'undisclosed-paid-promotion', titleKey: 'policyUndisclosedPromotion', severity: 'medium' },
  { id: 'price-anomalies', titleKey: 'policyPriceAnomaly', severity: 'medium' },
  { id: 'exposed-personal-data', titleKey: 'policyPersonalData', severity: 'critical' },
  { id: 'giveaway-scams', titleKey: 'policyGiveawayScam', severity: 'high' },
  { id: 'other', titleKey: 'policyOther', severity: 'low' },
];

export const MANUAL_POLICY_VERSION = 'manual-1';
