/** Risk over time as a small inline SVG line (no chart library, nothing from the network). */
import { useT } from '@/components/i18n-context';

export interface RiskPoint {
  at: string;
  score: number;
}

const WIDTH = 320;
const HEIGHT = 80;
const PAD = 4;

export function RiskChart({ series }: { series: readonly RiskPoint[] }) {
  const t = useT();
  if (series.length < 2) return null;
  const step = (WIDTH - 2 * PAD) / (series.length - 1);
  const y = (score: number) => HEIGHT - PAD - (score / 100) * (HEIGHT - 2 * PAD);
  const points = series.map((p, i) => `${(PAD + i * step).toFixed(1)},${y(p.score).toFixed(1)}`);
  const first = series[0]?.score ?? 0;
  const last = series.at(-1)?.score ?? 0;
  return (
    <svg
      class="risk-chart"
      data-testid="risk-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('riskChartLabel', [String(first), String(last)])}
    >
      {[25, 50, 75].map((band) => (
        <line
          key={band}
          class="risk-chart-band"
          x1={PAD}
          x2={WIDTH - PAD}
          y1={y(band)}
          y2={y(band)}
        />
      ))}
      <polyline class="risk-chart-line" points={points.join(' ')} />
      {series.map((p, i) => (
        <circle key={p.at} class="risk-chart-dot" cx={PAD + i * step} cy={y(p.score)} r={2}>
          <title>{`${p.at.slice(0, 10)}: ${p.score}`}</title>
        </circle>
      ))}
    </svg>
  );
}
