/**
 * The flags that make up the score, largest contribution first: the score explains itself.
 * Below them, what leads and enforcement decided about the creator, when anything was.
 */

import { useT } from '@/components/i18n-context';
import type { CreatorDecisionView } from '@/lib/messaging/escalation-messages';
import type { ContributionView } from '@/lib/messaging/risk-messages';
import { readableId } from '@/lib/shared/policy/policy-name';
import { CreatorDecisions } from './creator-decisions';
import { SEVERITY_LABEL, STATUS_LABEL, shortDate } from './labels';

/** A rule's name in the UI language. */
export type RuleTitle = (policyId: string, ruleId: string) => string;

/** The policy's name, then (for a rule's finding) the rule's: "Counterfeit goods · Sold as 'same as original'". */
export function PolicyAndRule(props: {
  policyId: string;
  ruleId?: string | undefined;
  policyTitle: (policyId: string) => string;
  ruleTitle?: RuleTitle | undefined;
}) {
  const { policyId, ruleId } = props;
  return (
    <>
      <strong>{props.policyTitle(policyId)}</strong>
      {ruleId !== undefined && (
        <>
          {' · '}
          <span class="rule-name" data-rule={ruleId}>
            {(props.ruleTitle ?? ((_p: string, r: string) => readableId(r)))(policyId, ruleId)}
          </span>
        </>
      )}
    </>
  );
}

const percent = (x: number) => String(Math.round(x * 100));

export function RiskExplanation({
  items,
  policyTitle = readableId,
  ruleTitle,
  decisions = [],
  live = false,
}: {
  items: readonly ContributionView[];
  /** A policy's name in the UI language (its id in words when there is none). */
  policyTitle?: (policyId: string) => string;
  /** A rule's name in the UI language (its id in words when there is none). */
  ruleTitle?: RuleTitle | undefined;
  /** Escalation outcomes and enforcement actions about the creator, newest first. */
  decisions?: readonly CreatorDecisionView[];
  /** Decisions are pushed as they are made (the endpoint's event stream is open). */
  live?: boolean;
}) {
  return (
    <>
      <Contributions items={items} policyTitle={policyTitle} ruleTitle={ruleTitle} />
      <CreatorDecisions decisions={decisions} live={live} />
    </>
  );
}

function Contributions({
  items,
  policyTitle,
  ruleTitle,
}: {
  items: readonly ContributionView[];
  policyTitle: (policyId: string) => string;
  ruleTitle: RuleTitle | undefined;
}) {
  const t = useT();
  if (items.length === 0) return <p class="muted">{t('riskExplanationEmpty')}</p>;
  return (
    <ol class="risk-explanation" data-testid="risk-explanation">
      {items.map((c) => (
        <li key={c.flagId} data-flag-id={c.flagId} data-source={c.source}>
          <PolicyAndRule
            policyId={c.policyId}
            ruleId={c.ruleId}
            policyTitle={policyTitle}
            ruleTitle={ruleTitle}
          />{' '}
          · {t(SEVERITY_LABEL[c.severity] ?? 'severityLow')} ·{' '}
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
