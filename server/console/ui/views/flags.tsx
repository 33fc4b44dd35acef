/** The team's flag queue: newest first, filtered, keyset paged (next / previous pages). */
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { SEVERITY_LABEL, STATUS_LABEL } from '@/components/risk/labels';
import { flagQueueInputSchema } from '../../queries/inputs';
import { call, withQuery } from '../api';
import { flagPageSchema } from '../schemas';
import { DataTable, ErrorNote, Loading, useLoad, when } from '../shared';
import { checkFilters, FilterForm, type FilterSpec, type FilterValues, toQuery } from './filters';

const SPECS: readonly FilterSpec[] = [
  { name: 'policy', label: 'consoleFilterPolicy', kind: 'text' },
  { name: 'market', label: 'consoleFilterMarket', kind: 'market' },
  { name: 'severity', label: 'consoleFilterSeverity', kind: 'severity' },
  { name: 'status', label: 'consoleFilterStatus', kind: 'status' },
  {
    name: 'creator',
    label: 'consoleFilterCreator',
    kind: 'text',
    placeholder: 'shopvid:creator-1',
  },
  { name: 'reviewer', label: 'consoleFilterReviewer', kind: 'text' },
  { name: 'from', label: 'consoleFilterFrom', kind: 'time' },
  { name: 'to', label: 'consoleFilterTo', kind: 'time' },
];

export function FlagsView() {
  const t = useT();
  const [values, setValues] = useState<FilterValues>({});
  const [applied, setApplied] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Cursors of the pages before this one (the first page has none). */
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const path = withQuery('/console/api/flags', { ...applied, limit: '50', cursor });
  const { data, error } = useLoad(() => call(flagPageSchema, path), path);
  const labels = Object.fromEntries(SPECS.map((s) => [s.name, t(s.label)]));

  const apply = () => {
    const query = toQuery(SPECS, values);
    const found = checkFilters(flagQueueInputSchema, query, t, labels);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setApplied(query);
    setCursors([]);
  };

  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">{t('consoleFlagsTitle')}</h1>
      <FilterForm
        idPrefix="flags"
        specs={SPECS}
        values={values}
        errors={errors}
        onChange={setValues}
        onSubmit={apply}
      />
      <ErrorNote error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <DataTable
            title={t('consoleFlagsTable')}
            testId="flags-table"
            rowTestId="flag-row"
            csvHref={withQuery('/console/api/flags', {
              ...applied,
              limit: '200',
              cursor,
              format: 'csv',
            })}
            columns={[
              { key: 'createdAt', label: t('consoleColTime') },
              { key: 'policy', label: t('consoleFilterPolicy') },
              { key: 'severity', label: t('consoleFilterSeverity') },
              { key: 'status', label: t('consoleFilterStatus') },
              { key: 'market', label: t('consoleFilterMarket') },
              { key: 'creator', label: t('consoleFilterCreator') },
              { key: 'reviewer', label: t('consoleFilterReviewer') },
              { key: 'item', label: t('consoleItem') },
            ]}
            rowKeys={data.rows.map((r) => r.id)}
            rows={data.rows.map((f) => [
              when(f.createdAt),
              <bdi key="p">{f.ruleId ? `${f.policyId} / ${f.ruleId}` : f.policyId}</bdi>,
              t(SEVERITY_LABEL[f.severity] ?? 'severityLow'),
              t(STATUS_LABEL[f.status] ?? 'statusSuggested'),
              f.market ?? '–',
              f.creatorId ? (
                <a
                  key="c"
                  href={`#/creator/${encodeURIComponent(f.platform)}/${encodeURIComponent(f.creatorId)}`}
                >
                  <bdi>{f.creatorHandle ?? f.creatorId}</bdi>
                </a>
              ) : (
                '–'
              ),
              <bdi key="r">{f.reviewer}</bdi>,
              <bdi key="i">{f.title ?? f.itemId}</bdi>,
            ])}
          />
          <nav class="pager" aria-label={t('consolePages')}>
            <button
              type="button"
              class="secondary"
              disabled={cursors.length === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
              data-testid="flags-previous"
            >
              {t('consolePreviousPage')}
            </button>
            <span>{t('consolePageNumber', String(cursors.length + 1))}</span>
            <button
              type="button"
              class="secondary"
              disabled={!data.nextCursor}
              onClick={() => data.nextCursor && setCursors((c) => [...c, data.nextCursor ?? ''])}
              data-testid="flags-next"
            >
              {t('consoleNextPage')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
