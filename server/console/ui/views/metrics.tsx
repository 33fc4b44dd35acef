/**
 * Metrics for a time range: flags per policy, per market and per day (volume, confirmed,
 * dismissed), the same per policy × market × day, and per reviewer with the median time
 * from a flag to its decision.
 */
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';
import { policyMarketMetricsInputSchema } from '../../queries/inputs';
import { call, withQuery } from '../api';
import { type PolicyMarketRow, policyMarketRowsSchema, reviewerRowsSchema } from '../schemas';
import { DataTable, duration, ErrorNote, Loading, num, useLoad } from '../shared';
import { checkFilters, FilterForm, type FilterSpec, type FilterValues, toQuery } from './filters';
import { defaultRange } from './range';

const SPECS: readonly FilterSpec[] = [
  { name: 'from', label: 'consoleFilterFrom', kind: 'day' },
  { name: 'to', label: 'consoleFilterTo', kind: 'day' },
  { name: 'policy', label: 'consoleFilterPolicy', kind: 'text' },
  { name: 'market', label: 'consoleFilterMarket', kind: 'market' },
];

type Group = 'policy' | 'market' | 'day';

function sum(rows: readonly PolicyMarketRow[], group: Group): PolicyMarketRow[] {
  const sums = new Map<string, PolicyMarketRow>();
  for (const row of rows) {
    const key =
      group === 'policy' ? row.policyId : group === 'market' ? (row.market ?? '') : row.day;
    const s = sums.get(key) ?? { ...row, flags: 0, suggested: 0, confirmed: 0, dismissed: 0 };
    s.flags += row.flags;
    s.suggested += row.suggested;
    s.confirmed += row.confirmed;
    s.dismissed += row.dismissed;
    sums.set(key, s);
  }
  return [...sums.values()].sort((a, b) =>
    group === 'day' ? (a.day < b.day ? -1 : 1) : b.flags - a.flags,
  );
}

export function MetricsView() {
  const t = useT();
  const [values, setValues] = useState<FilterValues>(defaultRange());
  const [applied, setApplied] = useState(() => toQuery(SPECS, defaultRange()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const pmPath = withQuery('/console/api/metrics/policy-market', applied);
  const rvPath = withQuery('/console/api/metrics/reviewers', applied);
  const pm = useLoad(() => call(policyMarketRowsSchema, pmPath), pmPath);
  const rv = useLoad(() => call(reviewerRowsSchema, rvPath), rvPath);
  const labels = Object.fromEntries(SPECS.map((s) => [s.name, t(s.label)]));
  const apply = () => {
    const query = toQuery(SPECS, values);
    const found = checkFilters(policyMarketMetricsInputSchema, query, t, labels);
    setErrors(found);
    if (Object.keys(found).length === 0) setApplied(query);
  };
  const counts = [
    { key: 'flags', label: t('consoleColFlags'), numeric: true },
    { key: 'confirmed', label: t('statusConfirmed'), numeric: true },
    { key: 'dismissed', label: t('statusDismissed'), numeric: true },
    { key: 'suggested', label: t('statusSuggested'), numeric: true },
  ];
  const countCells = (r: PolicyMarketRow) => [
    num(r.flags),
    num(r.confirmed),
    num(r.dismissed),
    num(r.suggested),
  ];
  const grouped = (group: Group, title: MessageKey, label: string) =>
    pm.data && (
      <DataTable
        title={t(title)}
        testId={`metrics-by-${group}`}
        csvHref={withQuery('/console/api/metrics/policy-market', {
          ...applied,
          group,
          format: 'csv',
        })}
        columns={[{ key: group, label }, ...counts]}
        rows={sum(pm.data.rows, group).map((r) => [
          <bdi key="k">
            {group === 'policy' ? r.policyId : group === 'market' ? (r.market ?? '–') : r.day}
          </bdi>,
          ...countCells(r),
        ])}
      />
    );
  return (
    <section aria-labelledby="metrics-title">
      <h1 id="metrics-title">{t('consoleMetricsTitle')}</h1>
      <FilterForm
        idPrefix="metrics"
        specs={SPECS}
        values={values}
        errors={errors}
        onChange={setValues}
        onSubmit={apply}
      />
      <ErrorNote error={pm.error ?? rv.error} />
      {!pm.data || !rv.data ? (
        <Loading />
      ) : (
        <>
          {grouped('policy', 'consoleMetricsByPolicy', t('consoleFilterPolicy'))}
          {grouped('market', 'consoleMetricsByMarket', t('consoleFilterMarket'))}
          {grouped('day', 'consoleMetricsByDay', t('consoleColDay'))}
          <DataTable
            title={t('consoleMetricsByReviewer')}
            testId="metrics-by-reviewer"
            csvHref={withQuery('/console/api/metrics/reviewers', { ...applied, format: 'csv' })}
            columns={[
              { key: 'reviewer', label: t('consoleFilterReviewer') },
              ...counts,
              { key: 'median', label: t('consoleColMedianDecision'), numeric: true },
            ]}
            rows={rv.data.rows.map((r) => [
              <bdi key="r">{r.reviewer}</bdi>,
              num(r.flags),
              num(r.confirmed),
              num(r.dismissed),
              num(r.suggested),
              r.medianDecisionSeconds === null ? '–' : duration(r.medianDecisionSeconds),
            ])}
          />
          <DataTable
            title={t('consoleMetricsAll')}
            testId="metrics-all"
            csvHref={withQuery('/console/api/metrics/policy-market', { ...applied, format: 'csv' })}
            columns={[
              { key: 'day', label: t('consoleColDay') },
              { key: 'policy', label: t('consoleFilterPolicy') },
              { key: 'market', label: t('consoleFilterMarket') },
              ...counts,
            ]}
            rows={pm.data.rows.map((r) => [
              r.day,
              <bdi key="p">{r.policyId}</bdi>,
              r.market ?? '–',
              ...countCells(r),
            ])}
          />
        </>
      )}
    </section>
  );
}
