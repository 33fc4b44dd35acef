/** Message keys for risk values, and ages in words, so every component says them alike. */
import { formats } from '@/lib/i18n/format';
import type { MessageKey, Translate } from '@/lib/i18n/keys';
import type { RiskBand, RiskTrend } from '@/lib/shared/risk/bands';

export const BAND_LABEL: Record<RiskBand, MessageKey> = {
  low: 'riskBandLow',
  elevated: 'riskBandElevated',
  high: 'riskBandHigh',
  critical: 'riskBandCritical',
};

export const TREND_LABEL: Record<RiskTrend, MessageKey> = {
  up: 'riskTrendUp',
  flat: 'riskTrendFlat',
  down: 'riskTrendDown',
};

export const TREND_ARROW: Record<RiskTrend, string> = { up: '↑', flat: '→', down: '↓' };

export const ACTION_LABEL: Record<string, MessageKey> = {
  warning: 'riskActionWarning',
  content_removed: 'riskActionContentRemoved',
  listing_removed: 'riskActionListingRemoved',
  restricted: 'riskActionRestricted',
  suspended: 'riskActionSuspended',
  banned: 'riskActionBanned',
  reinstated: 'riskActionReinstated',
};

export const SEVERITY_LABEL: Record<string, MessageKey> = {
  low: 'severityLow',
  medium: 'severityMedium',
  high: 'severityHigh',
  critical: 'severityCritical',
};

export const STATUS_LABEL: Record<string, MessageKey> = {
  suggested: 'statusSuggested',
  confirmed: 'statusConfirmed',
  dismissed: 'statusDismissed',
};

export function ageInWords(ageMs: number, t: Translate): string {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return t('riskAgeMoments');
  if (minutes < 60) return t('riskAgeMinutes', String(minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('riskAgeHours', String(hours));
  return t('riskAgeDays', String(Math.floor(hours / 24)));
}

/** A date as the reviewer's UI language writes it, its month named (lib/i18n/format.ts). */
export const shortDate = (iso: string) => formats().date(iso);
