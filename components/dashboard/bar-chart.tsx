/**
 * A horizontal bar chart a lead reads at a glance, drawn as inline SVG. The SVG is hidden
 * from assistive technology; the same figures follow in a table that screen readers read.
 */
import { ChartTable } from './chart-table';

export interface Bar {
  label: string;
  value: number;
}

const ROW = 22;
const LABEL_W = 170;
const BAR_W = 300;

export function BarChart(props: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  bars: Bar[];
  testId: string;
}) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = Math.max(ROW, props.bars.length * ROW);
  return (
    <figure class="chart" data-testid={props.testId}>
      <figcaption>{props.caption}</figcaption>
      <svg
        aria-hidden="true"
        focusable="false"
        viewBox={`0 0 ${LABEL_W + BAR_W + 60} ${height}`}
        width="100%"
        style={{ maxWidth: `${LABEL_W + BAR_W + 60}px` }}
      >
        {props.bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${i * ROW})`}>
            <text x={LABEL_W - 6} y={ROW / 2 + 4} text-anchor="end" class="chart-label">
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
            <rect
              x={LABEL_W}
              y={3}
              height={ROW - 6}
              width={Math.max(bar.value ? 2 : 0, (bar.value / max) * BAR_W)}
              class="chart-bar"
            />
            <text x={LABEL_W + (bar.value / max) * BAR_W + 6} y={ROW / 2 + 4} class="chart-value">
              {bar.value}
            </text>
          </g>
        ))}
      </svg>
      <ChartTable
        caption={props.caption}
        labelHeader={props.labelHeader}
        valueHeader={props.valueHeader}
        rows={props.bars}
      />
    </figure>
  );
}
