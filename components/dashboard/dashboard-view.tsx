/** The analyst's dashboard: totals, charts, sync health, rule precision, export / import. */
import type { ComponentChildren } from 'preact';
import { creatorKeyLabel } from '@/components/creator-label';
import { useT } from '@/components/i18n-context';
import { SEVERITY_LABEL, STATUS_LABEL } from '@/components/risk/labels';
import type { MessageKey } from '@/lib/i18n/keys';
import type { DashboardSummaryView } from '@/lib/messaging/dashboard-messages';
import type { QueueFilterView } from '@/lib/messaging/workspace-messages';
import { localDayOf } from '@/lib/shared/local-day';
import { BarChart } from './bar-chart';
import { DayChart } from './day-chart';
import { PrecisionTable } from './precision-table';
import { SyncHealth } from './sync-health';

export const RANGES = [7, 30, 90] as const;

export type DashboardState =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: DashboardSummaryView }
  | { kind: 'error'; message: string };

/** How the figures name things and where their bars lead. */
export interface FigureLinks {
  /** A policy's name in the UI language (its id when the pack has no name for it). */
  policyTitle?: (policyId: string) => string;
  /** A rule's name in the UI language (its id in words when the pack has none). */
  ruleTitle?: (policyId: string, ruleId: string) => string;
  /** The review queue filtered to a slice; absent: bars do not link. */
  queueHref?: (filter: QueueFilterView) => string;
  formatNumber?: (n: number) => string;
}

export function DashboardView(
  props: {
    state: DashboardState;
    days: number;
    onDaysChange: (days: number) => void;
    formatDay: (iso: string) => string;
    formatTime: (iso: string) => string;
    exchange: ComponentChildren;
  } & FigureLinks,
) {
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
      {state.kind === 'ready' && <Figures {...props} summary={state.summary} />}
      {props.exchange}
    </main>
  );
}

const MARKET = /^[A-Z]{2}$/;

function Figures(
  props: {
    summary: DashboardSummaryView;
    formatDay: (iso: string) => string;
    formatTime: (iso: string) => string;
  } & FigureLinks,
) {
  const t = useT();
  const { summary } = props;
  const title = props.policyTitle ?? ((id: string) => id);
  const n = props.formatNumber ?? String;
  const href = (filter: QueueFilterView) => props.queueHref?.(filter);
  const label = (keys: Record<string, MessageKey>, value: string) => {
    const key = keys[value];
    return key ? t(key) : value;
  };
  return (
    <>
      <p class="totals" data-testid="totals">
        {t('dashTotals', [n(summary.inRange), n(summary.total)])}
      </p>
      <p class="muted">{t('dashCountsLiveNote')}</p>
      <div class="grid">
        <SyncHealth sync={summary.sync} formatTime={props.formatTime} formatNumber={n} />
        <section aria-labelledby="charts-title" class="wide">
          <h2 id="charts-title" class="visually-hidden">
            {t('dashPerDay')}
          </h2>
          <DayChart
            caption={t('dashPerDay')}
            formatNumber={n}
            days={summary.perDay.map((d) => {
              // Each bar starts at a local midnight: its local calendar day is the queue's.
              const day = localDayOf(d.start);
              return {
                day,
                label: props.formatDay(d.start),
                count: d.count,
                href: href({ day }),
              };
            })}
          />
        </section>
        <BarChart
          testId="chart-per-policy"
          caption={`${t('dashPerPolicy')} (${t('dashColInPeriod')})`}
          labelHeader={t('dashColPolicy')}
          valueHeader={t('dashColFlags')}
          formatNumber={n}
          bars={summary.perPolicy.map((p) => ({
            key: p.policyId,
            label: title(p.policyId),
            value: p.inRange,
            href: href({ policyId: p.policyId }),
          }))}
        />
        <BarChart
          testId="chart-per-status"
          caption={t('dashPerStatus')}
          labelHeader={t('dashColStatus')}
          valueHeader={t('dashColFlags')}
          formatNumber={n}
          bars={summary.perStatus.map((s) => ({
            key: s.status,
            label: label(STATUS_LABEL, s.status),
            value: s.inRange,
            href: href({ status: s.status }),
          }))}
        />
        <BarChart
          testId="chart-per-severity"
          caption={t('dashPerSeverity')}
          labelHeader={t('dashColSeverity')}
          valueHeader={t('dashColFlags')}
          formatNumber={n}
          bars={summary.perSeverity.map((s) => ({
            key: s.severity,
            label: label(SEVERITY_LABEL, s.severity),
            value: s.count,
            href: SEVERITY_LABEL[s.severity]
              ? href({ severity: s.severity as NonNullable<QueueFilterView['severity']> })
              : undefined,
          }))}
        />
        <BarChart
          testId="chart-per-market"
          caption={t('dashPerMarket')}
          labelHeader={t('dashColMarket')}
          valueHeader={t('dashColFlags')}
          formatNumber={n}
          bars={summary.perMarket.map((m) => ({
            key: m.market,
            label: m.market || t('dashMarketUnknown'),
            value: m.count,
            href: MARKET.test(m.market)
              ? href({ market: m.market as NonNullable<QueueFilterView['market']> })
              : undefined,
          }))}
        />
        <BarChart
          testId="chart-per-creator"
          caption={t('dashTopCreators')}
          labelHeader={t('dashColCreator')}
          valueHeader={t('dashColFlags')}
          formatNumber={n}
          bars={summary.topCreators.map((c) => ({
            key: c.creatorKey,
            // Never the store's key: "@lena", or "lena · ShopVid" without a handle.
            label: creatorKeyLabel(c.creatorKey, t, c.handle),
            value: c.count,
            href: href({ creatorKey: c.creatorKey }),
          }))}
        />
      </div>
      <PrecisionTable
        rules={summary.rules}
        policyTitle={title}
        ruleTitle={props.ruleTitle}
        formatNumber={n}
      />
    </>
  );
}
