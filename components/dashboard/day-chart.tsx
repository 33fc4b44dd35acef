/** Flags per day as vertical bars (inline SVG), with the figures in a table for screen readers. */
import { useT } from '@/components/i18n-context';
import { ChartTable } from './chart-table';

const H = 120;
const W = 640;

export function DayChart(props: { days: { label: string; count: number }[]; caption: string }) {
  const t = useT();
  const max = Math.max(1, ...props.days.map((d) => d.count));
  const step = W / Math.max(1, props.days.length);
  return (
    <figure class="chart" data-testid="chart-per-day">
      <figcaption>
        {props.caption} ({t('dashColFlags')}: 0–{max})
      </figcaption>
      <svg aria-hidden="true" focusable="false" viewBox={`0 0 ${W} ${H + 18}`} width="100%">
        <line x1={0} y1={H} x2={W} y2={H} class="chart-axis" />
        {props.days.map((day, i) => {
          const h = (day.count / max) * (H - 4);
          return (
            <g key={day.label}>
              <rect
                x={i * step + 1}
                y={H - h}
                width={Math.max(1, step - 2)}
                height={h}
                class="chart-bar"
              />
              {(i === 0 || i === props.days.length - 1) && (
                <text
                  x={i * step + (i === 0 ? 0 : step)}
                  y={H + 14}
                  text-anchor={i === 0 ? 'start' : 'end'}
                  class="chart-label"
                >
                  {day.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ChartTable
        caption={props.caption}
        labelHeader={t('dashColDay')}
        valueHeader={t('dashColFlags')}
        rows={props.days.map((day) => ({ label: day.label, value: day.count }))}
      />
    </figure>
  );
}
