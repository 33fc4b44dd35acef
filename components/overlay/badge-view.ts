/**
 * What the closed overlay shows, as plain values: the badge (class, count, accessible name,
 * text) and the creator's risk chip. One source for both ways the closed overlay is drawn:
 * by Preact (ItemOverlay, RiskChip) and, on feeds, by static-overlay.ts before the reviewer
 * first opens the card.
 */

import type { Translate } from '@/lib/i18n/keys';
import { type SummaryFlag, summarise } from './badge-summary';
import type { FindingsState } from './finding-list';
import { severityKey } from './flag-form';

export interface BadgeView {
  className: string;
  count: number;
  label: string;
  text: string;
}

export function badgeView(
  findings: FindingsState,
  flags: readonly SummaryFlag[],
  t: Translate,
): BadgeView {
  const summary = summarise(findings.status === 'done' ? findings.findings : [], flags);
  const worst = summary.worst && t(severityKey(summary.worst));
  return {
    className: `badge${worst ? ` badge-${summary.worst}` : ' quiet'}${flags.length ? ' has-flags' : ''}`,
    count: summary.count,
    label: worst
      ? t('overlayBadgeLabelSummary', [String(summary.count), worst])
      : t('overlayBadgeLabel'),
    text: worst ? t('overlayBadgeSummary', [worst, String(summary.count)]) : t('overlayBadgeText'),
  };
}

export const cardIdOf = (itemId: string) => `flagpost-card-${itemId}`;
