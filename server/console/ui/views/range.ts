/** The default time range of the metrics views: the last 30 UTC days, today included. */
export function defaultRange(): { from: string; to: string } {
  const end = new Date();
  end.setUTCHours(0, 0, 0, 0);
  end.setUTCDate(end.getUTCDate() + 1);
  const start = new Date(end.getTime() - 30 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(start), to: day(end) };
}
