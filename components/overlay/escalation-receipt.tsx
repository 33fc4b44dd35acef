/**
 * A flag's escalation on the card: its category and where it stands (queued → delivered →
 * acknowledged → resolved, or refused), in the same words as the side panel and the popup.
 */
import { useCategoryLabel } from '@/components/escalation/escalation-receipts';
import { useT } from '@/components/i18n-context';
import type { EscalationView } from '@/lib/messaging/escalation-messages';

export function EscalationReceipt(props: {
  view: EscalationView;
  formatTime: (iso: string) => string;
}) {
  const t = useT();
  const label = useCategoryLabel();
  const { view, formatTime } = props;
  const stage = (() => {
    switch (view.stage) {
      case 'queued':
        return t('escalationStageQueued', view.error ?? t('escalationNoAnswer'));
      case 'refused':
        return t('escalationStageRefused', view.error ?? '');
      case 'delivered':
        return t('escalationStageDelivered', formatTime(view.deliveredAt ?? view.createdAt));
      case 'acknowledged':
        return t('escalationStageAcknowledged', [
          view.acknowledgedBy ?? '?',
          formatTime(view.acknowledgedAt ?? ''),
        ]);
      case 'resolved':
        return `${t('escalationStageResolved', [
          view.outcome?.decision ?? '?',
          view.outcome?.enforcementAction ?? '—',
        ])}${view.outcome?.note ? ` ${view.outcome.note}` : ''}`;
    }
  })();
  return (
    <div
      class={`receipt receipt-${view.stage}`}
      role="status"
      data-testid="escalation-receipt"
      data-stage={view.stage}
    >
      <strong>{label(view.category)}</strong> · <bdi>{stage}</bdi>
    </div>
  );
}
