/** The flags that make up the score, largest contribution first: the score explains itself. */

import { useT } from '@/components/i18n-context';
import type { ContributionView } from '@/lib/messaging/risk-messages';
import { SEVERITY_LABEL, STATUS_LABEL, shortDate } from './labels';

const percent = (x: number) => String(Math.round(x * 100));

export function RiskExplanation({
  items,
  policyTitle = (id) => id,
}: {
  items: readonly ContributionView[];
  /** A policy's name in the UI language (its id when there is none). */
  policyTitle?: (policyId: string) => string;
}) {
  const t = useT();
  if (items.length === 0) return <p class="muted">{t('riskExplanationEmpty')}</p>;
  return (
    <ol class="risk-explanation" data-testid="risk-explanation">
      {items.map((c) => (
        <li key={c.flagId} data-flag-id={c.flagId} data-source={c.source}>
          <strong>{policyTitle(c.policyId)}</strong> ·{' '}
          {t(SEVERITY_LABEL[c.severity] ?? 'severityLow')} ·{' '}
          {t(STATUS_LABEL[c.status] ?? 'statusSuggested')} · {shortDate(c.createdAt)} ·{' '}
          {t('riskByReviewer', c.reviewer)}
          <div class="muted">
            {t('riskContribution', [c.points.toFixed(1), percent(c.share)])}
            {c.status === 'suggested' ? ` · ${t('riskCountedAt', percent(c.confidence))}` : ''}
            {` · ${t('riskAgedTo', percent(c.decay))}`}
          </div>
        </li>
      ))}
    </ol>
  );
}
