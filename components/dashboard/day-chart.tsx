/**
 * Flags per day as vertical bars a lead can click: each day's bar is a link to the review
 * queue filtered to that day (sidepanel.html?day=2026-12-07), reachable by keyboard and
 * named by its date (in the UI language) and count. Days are the reviewer's local calendar
 * days (lib/shared/local-day.ts). The figures are also in a table for screen readers.
 */
import { useT } from '@/components/i18n-context';
import { ChartTable } from './chart-table';

export interface ChartDay {
  /** The local calendar day, YYYY-MM-DD: stable across languages. */
  day: string;
  /** The day in the UI language (Intl). */
  label: string;
  count: number;
  /** The queue filtered to this day, if the chart links. */
  href?: string | undefined;
}

export function DayChart(props: {
  days: ChartDay[];
  caption: string;
  formatNumber?: (n: number) => string;
}) {
  const t = useT();
  const n = props.formatNumber ?? String;
  const max = Math.max(1, ...props.days.map((d) => d.count));
  const first = props.days[0];
  const last = props.days.at(-1);
  return (
    <figure class="chart" data-testid="chart-per-day">
      <figcaption>
        {props.caption} ({t('dashColFlags')}: 0–{n(max)})
      </figcaption>
      <ol class="day-bars">
        {props.days.map((day) => {
          const name = t('dashOpenDayInQueue', [day.label, n(day.count)]);
          const bar = (
            <span
              class="day-bar"
              style={{ height: `${(day.count / max) * 100}%` }}
              data-count={day.count}
            />
          );
          return (
            <li key={day.day} data-day={day.day}>
              {day.href ? (
                <a href={day.href} aria-label={name} title={name}>
                  {bar}
                </a>
              ) : (
                <span title={name}>{bar}</span>
              )}
            </li>
          );
        })}
      </ol>
      {first && last && (
        <p class="day-axis" aria-hidden="true">
          <span>{first.label}</span>
          {last !== first && <span>{last.label}</span>}
        </p>
      )}
      <ChartTable
        caption={props.caption}
        labelHeader={t('dashColDay')}
        valueHeader={t('dashColFlags')}
        rows={props.days.map((day) => ({ label: day.label, value: day.count }))}
      />
    </figure>
  );
}
