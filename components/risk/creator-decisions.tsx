/**
 * What leads and the governance system decided about a creator (lib/shared/risk/decisions):
 * this reviewer's escalations with their receipts and outcome, and enforcement actions.
 * Presentational. A category, decision or action this release has no name for is shown as
 * the endpoint sent it, marked unknown, never left out.
 */

import { useCategoryLabel } from '@/components/escalation/escalation-receipts';
import { useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';
import type { CreatorDecisionView } from '@/lib/messaging/escalation-messages';
import { ACTION_LABEL, shortDate } from './labels';

const DECISION_LABEL: Record<string, MessageKey> = {
  actioned: 'decisionActioned',
  no_violation: 'decisionNoViolation',
  referred: 'decisionReferred',
};

export function CreatorDecisions({
  decisions,
  live = false,
}: {
  decisions: readonly CreatorDecisionView[];
  /** The endpoint's event stream is open: decisions appear as they are made. */
  live?: boolean;
}) {
  const t = useT();
  const category = useCategoryLabel();
  const named = (labels: Record<string, MessageKey>, value: string) => {
    const key = Object.hasOwn(labels, value) ? labels[value] : undefined;
    return key ? t(key) : t('decisionUnknown', value);
  };
  if (decisions.length === 0) return null;
  return (
    <div class="creator-decisions" data-testid="creator-decisions">
      <h3>{t('riskDecisionsHeading')}</h3>
      {live && <p class="muted">{t('decisionLive')}</p>}
      <ul>
        {decisions.map((d) =>
          d.kind === 'escalation' ? (
            <li
              key={d.id}
              data-testid="decision"
              data-kind="escalation"
              data-state={d.state}
              data-escalation-id={d.id}
            >
              <strong>{t('decisionEscalation', [category(d.category), d.reason])}</strong> ·{' '}
              {shortDate(d.at)}
              <div class="muted">
                {d.decision !== undefined
                  ? t('decisionOutcome', named(DECISION_LABEL, d.decision))
                  : d.acknowledgedBy
                    ? t('decisionAcknowledged', d.acknowledgedBy)
                    : t('decisionWaiting')}
                {d.enforcementAction !== undefined
                  ? ` · ${t('decisionEnforcement', [named(ACTION_LABEL, d.enforcementAction), d.note ?? ''])}`
                  : d.note
                    ? ` · ${d.note}`
                    : ''}
              </div>
            </li>
          ) : (
            <li key={d.id} data-testid="decision" data-kind="enforcement" data-action={d.action}>
              <strong>{t('decisionEnforcement', [named(ACTION_LABEL, d.action), d.reason])}</strong>{' '}
              · {shortDate(d.at)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
