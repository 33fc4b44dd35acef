/**
 * Escalations with their receipts (queued → delivered → acknowledged → resolved), and the
 * persistent warning while one is not delivered 30 s after it was made. Shared by the popup
 * and the side panel; presentational: the status arrives as a prop.
 */
import { useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';
import type { EscalationStatus, EscalationView } from '@/lib/messaging/escalation-messages';
import { ESCALATION_CATEGORIES } from '@/lib/shared/protocol/vocabulary';

const CATEGORY_KEYS: Record<(typeof ESCALATION_CATEGORIES)[number], MessageKey> = {
  child_safety: 'escalationCategoryChildSafety',
  violence_threat: 'escalationCategoryViolence',
  self_harm: 'escalationCategorySelfHarm',
  dangerous_product: 'escalationCategoryDangerousProduct',
  scam_wave: 'escalationCategoryScamWave',
  other: 'escalationCategoryOther',
};

const isKnown = (category: string): category is keyof typeof CATEGORY_KEYS =>
  (ESCALATION_CATEGORIES as readonly string[]).includes(category);

export function useCategoryLabel() {
  const t = useT();
  // An endpoint newer than this release may send a category it has no name for: shown as is.
  return (category: string) =>
    isKnown(category) ? t(CATEGORY_KEYS[category]) : t('escalationCategoryUnknown', category);
}

function Receipt({
  view,
  formatTime,
}: {
  view: EscalationView;
  formatTime: (iso: string) => string;
}) {
  const t = useT();
  switch (view.stage) {
    case 'queued':
      return <>{t('escalationStageQueued', view.error ?? t('escalationNoAnswer'))}</>;
    case 'refused':
      return <>{t('escalationStageRefused', view.error ?? '')}</>;
    case 'delivered':
      return <>{t('escalationStageDelivered', formatTime(view.deliveredAt ?? view.createdAt))}</>;
    case 'acknowledged':
      return (
        <>
          {t('escalationStageAcknowledged', [
            view.acknowledgedBy ?? '?',
            formatTime(view.acknowledgedAt ?? ''),
          ])}
        </>
      );
    case 'resolved':
      return (
        <>
          {t('escalationStageResolved', [
            view.outcome?.decision ?? '?',
            view.outcome?.enforcementAction ?? '—',
          ])}
          {view.outcome?.note ? ` ${view.outcome.note}` : ''}
        </>
      );
  }
}

export function EscalationReceipts({
  status,
  formatTime,
}: {
  status: EscalationStatus;
  formatTime: (iso: string) => string;
}) {
  const t = useT();
  const label = useCategoryLabel();
  if (status.escalations.length === 0) return null;
  return (
    <section data-testid="escalations" aria-label={t('escalationListTitle')}>
      <h2>{t('escalationListTitle')}</h2>
      {status.overdue > 0 && (
        <p class="error" role="alert" data-testid="escalation-warning">
          {t('escalationUndeliveredTitle', [
            String(status.overdue),
            status.overdueReason ?? t('escalationNoAnswer'),
          ])}
        </p>
      )}
      <ul>
        {status.escalations.slice(0, 10).map((view) => (
          <li key={view.id} data-testid="escalation" data-stage={view.stage}>
            <strong>{label(view.category)}</strong> · {view.reason}
            <br />
            <small data-testid="escalation-receipt">
              <Receipt view={view} formatTime={formatTime} />
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
