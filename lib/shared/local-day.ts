/**
 * A calendar day as the queue's day filter carries it ("2026-12-07"). Days are the
 * reviewer's local calendar days: the dashboard counts flags between local midnights, so a
 * day in the queue runs from local midnight to the next local midnight (23 or 25 hours
 * across a DST change). The side panel, the dashboard and the background all run in the
 * same browser, so they share one time zone.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day's year, month (1-12) and date, or undefined when the text is not a real day. */
function partsOf(day: string): [number, number, number] | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1) return undefined;
  // Day 0 of the next month is this month's last day (leap years included).
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= last ? [y, m, d] : undefined;
}

/** Why `day` is not a calendar day, or undefined when it is one. */
export function localDayProblem(day: string): string | undefined {
  if (!DAY.test(day)) return `"${day.slice(0, 40)}" is not a day written as YYYY-MM-DD`;
  if (!partsOf(day)) return `${day} is not a date on the calendar`;
  return undefined;
}

/** The local calendar day an instant falls on. */
export function localDayOf(instant: string | Date): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a time: ${String(instant)}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day's local midnight and the next one, as ISO instants: start inclusive, end exclusive. */
export function localDayBounds(day: string): { start: string; end: string } {
  const parts = partsOf(day);
  if (!parts) throw new Error(localDayProblem(day) ?? `Not a day: ${day}`);
  const [y, m, d] = parts;
  return {
    start: new Date(y, m - 1, d).toISOString(),
    end: new Date(y, m - 1, d + 1).toISOString(),
  };
}

/** Noon of the day, local time: a safe instant to format the day by (never the day before). */
export function localDayNoon(day: string): Date {
  const parts = partsOf(day);
  if (!parts) throw new Error(localDayProblem(day) ?? `Not a day: ${day}`);
  return new Date(parts[0], parts[1] - 1, parts[2], 12);
}
