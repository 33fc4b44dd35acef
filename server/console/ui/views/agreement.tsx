/**
 * Agreement where two or more reviewers decided the same item (under one policy) or the
 * same rule on one item: the agreement rate and Cohen's kappa overall, per policy or rule,
 * and per pair of reviewers; then team-wide rule precision and the rules to tighten.
 */
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { agreementInputSchema } from '../../queries/inputs';
import { call, withQuery } from '../api';
import { agreementSchema, type RulePrecisionRow, rulePrecisionSchema } from '../schemas';
import { DataTable, ErrorNote, kappaText, Loading, num, ratio, useLoad } from '../shared';
import { checkFilters, FilterForm, type FilterSpec, type FilterValues, toQuery } from './filters';
import { defaultRange } from './range';

const SPECS: readonly FilterSpec[] = [
  { name: 'from', label: 'consoleFilterFrom', kind: 'day' },
  { name: 'to', label: 'consoleFilterTo', kind: 'day' },
  {
    name: 'by',
    label: 'consoleAgreementBy',
    kind: 'choice',
    choices: [
      { value: 'item', label: 'consoleAgreementByItem' },
      { value: 'rule', label: 'consoleAgreementByRule' },
    ],
  },
  { name: 'policy', label: 'consoleFilterPolicy', kind: 'text' },
  { name: 'market', label: 'consoleFilterMarket', kind: 'market' },
];

/** One rule's line, in the rules-to-tighten table and the table of every rule. */
const precisionRow = (r: RulePrecisionRow) => [
  <bdi key="p">{r.policyId}</bdi>,
  <bdi key="r">{r.ruleId}</bdi>,
  num(r.confirmed),
  num(r.dismissed),
  num(r.suggested),
  ratio(r.precision),
];

/** The pairs, agreement rate and kappa cells that `statCols` heads. */
const statCells = (s: { pairs: number; agreementRate: number | null; kappa: number | null }) => [
  num(s.pairs),
  ratio(s.agreementRate),
  kappaText(s.kappa),
];

/** One table of a view as CSV: the view's own query with the format and the table. */
const csvOf = (path: string, query: Record<string, string | undefined>, table: string) =>
  withQuery(path, { ...query, format: 'csv', table });

const initial = (): FilterValues => ({ ...defaultRange(), by: 'item' });

export function AgreementView() {
  const t = useT();
  const [values, setValues] = useState<FilterValues>(initial);
  const [applied, setApplied] = useState(() => toQuery(SPECS, initial()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const agPath = withQuery('/console/api/agreement', applied);
  const { by: _by, ...precisionQuery } = applied;
  const prPath = withQuery('/console/api/precision', precisionQuery);
  const ag = useLoad(() => call(agreementSchema, agPath), agPath);
  const pr = useLoad(() => call(rulePrecisionSchema, prPath), prPath);
  const labels = Object.fromEntries(SPECS.map((s) => [s.name, t(s.label)]));
  const apply = () => {
    const query = toQuery(SPECS, values);
    const found = checkFilters(agreementInputSchema, query, t, labels);
    setErrors(found);
    if (Object.keys(found).length === 0) setApplied(query);
  };
  const statCols = [
    { key: 'pairs', label: t('consoleColPairs'), numeric: true },
    { key: 'rate', label: t('consoleColAgreement'), numeric: true },
    { key: 'kappa', label: t('consoleColKappa'), numeric: true },
  ];
  const precisionCols = [
    { key: 'policy', label: t('consoleFilterPolicy') },
    { key: 'rule', label: t('consoleColRule') },
    { key: 'confirmed', label: t('statusConfirmed'), numeric: true },
    { key: 'dismissed', label: t('statusDismissed'), numeric: true },
    { key: 'suggested', label: t('statusSuggested'), numeric: true },
    { key: 'precision', label: t('consoleColPrecision'), numeric: true },
  ];
  return (
    <section aria-labelledby="agreement-title">
      <h1 id="agreement-title">{t('consoleAgreementTitle')}</h1>
      <FilterForm
        idPrefix="agreement"
        specs={SPECS}
        values={values}
        errors={errors}
        onChange={setValues}
        onSubmit={apply}
      />
      <ErrorNote error={ag.error ?? pr.error} />
      {!ag.data || !pr.data ? (
        <Loading />
      ) : (
        <>
          <dl class="facts totals" data-testid="agreement-overall">
            <dt>{t('consoleAgreementUnits')}</dt>
            <dd>{num(ag.data.units)}</dd>
            <dt>{t('consoleColPairs')}</dt>
            <dd>{num(ag.data.overall.pairs)}</dd>
            <dt>{t('consoleColAgreement')}</dt>
            <dd data-testid="agreement-rate">{ratio(ag.data.overall.agreementRate)}</dd>
            <dt>{t('consoleColKappa')}</dt>
            <dd data-testid="agreement-kappa">{kappaText(ag.data.overall.kappa)}</dd>
          </dl>
          <DataTable
            title={t(
              ag.data.by === 'item' ? 'consoleAgreementByPolicy' : 'consoleAgreementPerRule',
            )}
            testId="agreement-groups"
            csvHref={csvOf('/console/api/agreement', applied, 'groups')}
            columns={[
              {
                key: 'key',
                label: t(ag.data.by === 'item' ? 'consoleFilterPolicy' : 'consoleColRule'),
              },
              { key: 'units', label: t('consoleAgreementUnits'), numeric: true },
              ...statCols,
            ]}
            rows={ag.data.groups.map((g) => [
              <bdi key="k">{g.key}</bdi>,
              num(g.units),
              ...statCells(g),
            ])}
          />
          <DataTable
            title={t('consoleAgreementPairs')}
            testId="agreement-pairs"
            csvHref={csvOf('/console/api/agreement', applied, 'pairs')}
            columns={[
              { key: 'a', label: t('consoleColReviewerA') },
              { key: 'b', label: t('consoleColReviewerB') },
              ...statCols,
            ]}
            rows={ag.data.reviewerPairs.map((p) => [
              <bdi key="a">{p.reviewerA}</bdi>,
              <bdi key="b">{p.reviewerB}</bdi>,
              ...statCells(p),
            ])}
          />
          <DataTable
            title={t('consoleRulesToTighten')}
            testId="precision-tighten"
            csvHref={csvOf('/console/api/precision', precisionQuery, 'tighten')}
            columns={precisionCols}
            rows={pr.data.toTighten.map(precisionRow)}
          />
          <DataTable
            title={t('consoleRulePrecision')}
            testId="precision-rules"
            csvHref={csvOf('/console/api/precision', precisionQuery, 'rules')}
            columns={precisionCols}
            rows={pr.data.rules.map(precisionRow)}
          />
        </>
      )}
    </section>
  );
}
