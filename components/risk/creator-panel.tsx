/** The creator panel: score and trend, chart, explanation, notes, timeline. Presentational. */

import { creatorLabel } from '@/components/creator-label';
import { useT } from '@/components/i18n-context';
import { formats } from '@/lib/i18n/format';
import type { CreatorDecisionView } from '@/lib/messaging/escalation-messages';
import type { CreatorHistoryView } from '@/lib/messaging/risk-messages';
import { CreatorNotes, type CreatorNotesProps } from './creator-notes';
import { HistoryAge } from './history-age';
import { BAND_LABEL, TREND_LABEL } from './labels';
import { RiskChart } from './risk-chart';
import { RiskExplanation, type RuleTitle } from './risk-explanation';
import { RiskTimeline } from './risk-timeline';

export type CreatorPanelProps = {
  view: CreatorHistoryView;
  /** A policy's name in the UI language (its id when there is none). */
  policyTitle?: (policyId: string) => string;
  /** A rule's name in the UI language (its id in words when there is none). */
  ruleTitle?: RuleTitle;
  /** What leads and enforcement decided about the creator (shown in the explanation). */
  decisions?: readonly CreatorDecisionView[];
  /** Decisions are pushed as they are made. */
  live?: boolean;
} & Omit<CreatorNotesProps, 'notes'>;

export function CreatorPanel({
  view,
  policyTitle,
  ruleTitle,
  decisions,
  live,
  ...noteActions
}: CreatorPanelProps) {
  const t = useT();
  const { summary, creator } = view;
  const editable = view.timeline.flatMap((e) => (e.kind === 'note' && e.editable ? [e] : []));
  return (
    <main class="creator-panel">
      <header>
        <h1>
          {creator.displayName ?? creatorLabel(creator, t)}
          {creator.displayName && (
            <>
              {' '}
              <span class="muted">{creatorLabel(creator, t)}</span>
            </>
          )}
        </h1>
        <HistoryAge remote={view.remote} />
      </header>
      <section aria-labelledby="score-heading" data-testid="risk-summary" data-band={summary.band}>
        <h2 id="score-heading">{t('riskScoreHeading')}</h2>
        <p class={`score score-${summary.band}`}>
          <strong data-testid="risk-score">
            {t('riskScoreValue', formats().number(summary.score))}
          </strong>{' '}
          · {t(BAND_LABEL[summary.band])}
        </p>
        <p class="muted">
          {t('riskTrendSince', [t(TREND_LABEL[summary.trend]), String(summary.previousScore)])}
        </p>
      </section>
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('riskChartHeading')}</h2>
        <RiskChart series={view.series} />
      </section>
      <section aria-labelledby="explanation-heading">
        <h2 id="explanation-heading">{t('riskExplanationHeading')}</h2>
        <RiskExplanation
          items={view.explanation}
          policyTitle={policyTitle}
          ruleTitle={ruleTitle}
          decisions={decisions}
          live={live}
        />
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('riskNotesHeading')}</h2>
        <CreatorNotes notes={editable} {...noteActions} />
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('riskTimelineHeading')}</h2>
        <RiskTimeline
          entries={view.timeline}
          omitted={view.omitted}
          policyTitle={policyTitle}
          ruleTitle={ruleTitle}
        />
      </section>
    </main>
  );
}
