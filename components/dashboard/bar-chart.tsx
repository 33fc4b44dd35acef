/**
 * A horizontal bar chart a lead reads at a glance, and can click: each label links to the
 * review queue filtered to that slice (sidepanel.html?policyId=...). Drawn as an HTML table
 * (the bars are CSS), so screen readers read the same figures sighted readers see, labels
 * wrap in any language instead of being cut, and the links are ordinary links.
 */
import { useT } from '@/components/i18n-context';

export interface Bar {
  /** Stable across languages (a policy id, a status...). */
  key: string;
  label: string;
  value: number;
  /** The queue filtered to this bar, if it has one. */
  href?: string | undefined;
}

export function BarChart(props: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  bars: Bar[];
  testId: string;
  formatNumber?: (n: number) => string;
}) {
  const t = useT();
  const n = props.formatNumber ?? String;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <figure class="chart" data-testid={props.testId}>
      <table class="bars">
        <caption>{props.caption}</caption>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col">{props.valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {props.bars.map((bar) => (
            <tr key={bar.key} data-key={bar.key}>
              <th scope="row">
                {bar.href ? (
                  <a href={bar.href} title={t('dashOpenInQueue', bar.label)}>
                    {bar.label}
                  </a>
                ) : (
                  bar.label
                )}
              </th>
              <td>
                <span class="bar-track" aria-hidden="true">
                  <span
                    class="chart-bar"
                    style={{ width: `${Math.max(bar.value ? 1 : 0, (bar.value / max) * 100)}%` }}
                  />
                </span>
                <span class="bar-value">{n(bar.value)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
