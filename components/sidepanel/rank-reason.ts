/**
 * Why a row ranks where it does, in words: each part of its priority with the points it
 * adds (lib/shared/risk/queue-priority.ts), so a reviewer can check the order.
 */
import { BAND_LABEL } from '@/components/risk/labels';
import type { Translate } from '@/lib/i18n/keys';
import type { QueueRankView, QueueRow } from '@/lib/messaging/workspace-messages';
import { severityKey } from './labels';

export function rankReasons(
  rank: QueueRankView,
  severity: QueueRow['severity'],
  t: Translate,
  formatNumber: (n: number) => string,
): string[] {
  const plus = (points: number) => `+${formatNumber(points)}`;
  const reasons = [
    t('spWhySeverity', [t(severityKey(severity)), plus(rank.severityPoints)]),
    rank.risk
      ? t('spWhyRisk', [
          formatNumber(rank.risk.score),
          t(BAND_LABEL[rank.risk.band]),
          plus(rank.riskPoints),
        ])
      : t('spWhyNoRisk'),
    t('spWhyAge', [formatNumber(rank.ageDays), plus(rank.agePoints)]),
  ];
  if (!rank.undecided) reasons.push(t('spWhyDecided'));
  return reasons;
}
