/**
 * Risk over time as a small inline SVG line (no chart library, nothing from the network),
 * with its axes: the score from 0 to 100 on the left (the band floors as lines), and dates
 * below, in the UI language (lib/i18n/format.ts).
 */
import { useT } from '@/components/i18n-context';
import { formats } from '@/lib/i18n/format';

export interface RiskPoint {
  at: string;
  score: number;
}

const WIDTH = 360;
const HEIGHT = 150;
const LEFT = 30;
const RIGHT = 10;
const TOP = 8;
const BOTTOM = 22;
const TICKS = [0, 25, 50, 75, 100];

export function RiskChart({ series }: { series: readonly RiskPoint[] }) {
  const t = useT();
  if (series.length < 2) return null;
  const f = formats();
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (i * plotW) / (series.length - 1);
  const y = (score: number) => TOP + plotH - (Math.min(100, Math.max(0, score)) / 100) * plotH;
  const points = series.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`);
  const first = series[0];
  const last = series.at(-1);
  const middle = series[Math.floor((series.length - 1) / 2)];
  const dated = [
    { point: first, i: 0, anchor: 'start' },
    { point: middle, i: Math.floor((series.length - 1) / 2), anchor: 'middle' },
    { point: last, i: series.length - 1, anchor: 'end' },
  ] as const;
  return (
    <figure class="risk-chart-figure">
      <svg
        class="risk-chart"
        data-testid="risk-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${t('riskChartLabel', [f.number(first?.score ?? 0), f.number(last?.score ?? 0)])} (${f.date(first?.at ?? '')} – ${f.date(last?.at ?? '')})`}
      >
        {TICKS.map((tick) => (
          <g key={tick}>
            <line
              class={tick === 0 ? 'risk-chart-axis' : 'risk-chart-band'}
              x1={LEFT}
              x2={WIDTH - RIGHT}
              y1={y(tick)}
              y2={y(tick)}
            />
            <text class="risk-chart-tick" x={LEFT - 4} y={y(tick) + 3} text-anchor="end">
              {f.number(tick)}
            </text>
          </g>
        ))}
        <line class="risk-chart-axis" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotH} />
        {dated.map(({ point, i, anchor }) =>
          point ? (
            <text
              key={anchor}
              class="risk-chart-tick"
              data-testid="risk-chart-date"
              x={x(i)}
              y={HEIGHT - 6}
              text-anchor={anchor}
            >
              {f.shortDay(point.at)}
            </text>
          ) : null,
        )}
        <polyline class="risk-chart-line" points={points.join(' ')} />
        {series.map((p, i) => (
          <circle key={p.at} class="risk-chart-dot" cx={x(i)} cy={y(p.score)} r={2}>
            <title>{`${f.date(p.at)}: ${f.number(p.score)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="muted">
        {t('riskChartAxisScore')} · {t('riskChartAxisDate')}
      </figcaption>
    </figure>
  );
}
