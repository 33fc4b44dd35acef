import { useT } from '@/components/i18n-context';

/** The figures behind a chart, as a table only screen readers see (charts are aria-hidden). */
export function ChartTable(props: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  rows: ReadonlyArray<{ label: string; value: number }>;
}) {
  const t = useT();
  return (
    <table class="visually-hidden">
      <caption>
        {props.caption}. {t('dashChartNote')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{props.labelHeader}</th>
          <th scope="col">{props.valueHeader}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
