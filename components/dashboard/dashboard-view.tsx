/** The analyst's dashboard: totals, charts, sync health, rule precision, export / import. */
import type { ComponentChildren } from 'preact';
import { useT } from '@/components/i18n-context';
import type { DashboardSummaryView } from '@/lib/messaging/dashboard-messages';
import { BarChart } from './bar-chart';
import { DayChart } from './day-chart';
import { PrecisionTable } from './precision-table';
import { SyncHealth } from './sync-health';

export const RANGES = [7, 30, 90] as const;

export type DashboardState =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: DashboardSummaryView }
  | { kind: 'error'; message: string };

export function DashboardView(props: {
  state: DashboardState;
  days: number;
  onDaysChange: (days: number) => void;
  formatDay: (iso: string) => string;
  formatTime: (iso: string) => string;
  exchange: ComponentChildren;
}) {
  const t = useT();
  const { state } = props;
  return (
    <main>
      <h1>{t('dashTitle')}</h1>
      <label>
        {t('dashRange')}{' '}
        <select
          value={String(props.days)}
          onChange={(e) => props.onDaysChange(Number(e.currentTarget.value))}
        >
          {RANGES.map((days) => (
            <option key={days} value={String(days)}>
              {t('dashRangeDays', String(days))}
            </option>
          ))}
        </select>
      </label>
      {state.kind === 'loading' && <p aria-live="polite">{t('dashLoading')}</p>}
      {state.kind === 'error' && (
        <p role="alert" class="bad">
          {t('dashError', state.message)}
        </p>
      )}
      {state.kind === 'ready' && <Figures summary={state.summary} {...props} />}
      {props.exchange}
    </main>
  );
}

function Figures(props: {
  summary: DashboardSummaryView;
  formatDay: (iso: string) => string;
  formatTime: (iso: string) => string;
}) {
  const t = useT();
  const { summary } = props;
  return (
    <>
      <p class="totals" data-testid="totals">
        {t('dashTotals', [String(summary.inRange), String(summary.total)])}
      </p>
      <p class="muted">{t('dashCountsLiveNote')}</p>
      <div class="grid">
        <SyncHealth sync={summary.sync} formatTime={props.formatTime} />
        <section aria-labelledby="charts-title" class="wide">
          <h2 id="charts-title" class="visually-hidden">
            {t('dashPerDay')}
          </h2>
          <DayChart
            caption={t('dashPerDay')}
            days={summary.perDay.map((d) => ({ label: props.formatDay(d.start), count: d.count }))}
          />
        </section>
        <BarChart
          testId="chart-per-policy"
          caption={`${t('dashPerPolicy')} (${t('dashColInPeriod')})`}
          labelHeader={t('dashColPolicy')}
          valueHeader={t('dashColFlags')}
          bars={summary.perPolicy.map((p) => ({ label: p.policyId, value: p.inRange }))}
        />
        <BarChart
          testId="chart-per-status"
          caption={t('dashPerStatus')}
          labelHeader={t('dashColStatus')}
          valueHeader={t('dashColFlags')}
          bars={summary.perStatus.map((s) => ({ label: s.status, value: s.inRange }))}
        />
        <BarChart
          testId="chart-per-severity"
          caption={t('dashPerSeverity')}
          labelHeader={t('dashColSeverity')}
          valueHeader={t('dashColFlags')}
          bars={summary.perSeverity.map((s) => ({ label: s.severity, value: s.count }))}
        />
        <BarChart
          testId="chart-per-market"
          caption={t('dashPerMarket')}
          labelHeader={t('dashColMarket')}
          valueHeader={t('dashColFlags')}
          bars={summary.perMarket.map((m) => ({
            label: m.market || t('dashMarketUnknown'),
            value: m.count,
          }))}
        />
        <BarChart
          testId="chart-per-creator"
          caption={t('dashTopCreators')}
          labelHeader={t('dashColCreator')}
          valueHeader={t('dashColFlags')}
          bars={summary.topCreators.map((c) => ({
            label: c.handle ? `@${c.handle}` : c.creatorKey,
            value: c.count,
          }))}
        />
      </div>
      <PrecisionTable rules={summary.rules} />
    </>
  );
}
