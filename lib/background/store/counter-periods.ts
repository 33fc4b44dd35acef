/**
 * Live flags created in a period, per policy, per status or in all, from the time-bucketed
 * counters of lib/background/store/flag-counters.ts: whole UTC days from the day rows, whole hours
 * around them from the hour rows, and only what is left at either end (a period that starts
 * or ends off the hour) from the flags themselves, through the createdAt index. A period of
 * 30 local days reads at most about 24 x 2 + 30 rows per value of the dimension.
 */
import type { FlagpostDb, StoredFlag } from './db';

export type CountedFamily = 'all' | 'policy' | 'status';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const iso = (ms: number) => new Date(ms).toISOString();

const valueIn: Record<CountedFamily, (flag: StoredFlag) => string> = {
  all: () => '',
  policy: (flag) => flag.policyId,
  status: (flag) => flag.status,
};

/**
 * Counts of live flags created in [from, to) (epoch ms), by value of the family's dimension
 * (`''` for 'all'). Run it inside a read transaction for a consistent snapshot.
 */
export async function countsInPeriod(
  db: FlagpostDb,
  family: CountedFamily,
  from: number,
  to: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const add = (value: string, n: number) => counts.set(value, (counts.get(value) ?? 0) + n);

  async function fromRows(grain: 'hour' | 'day', lo: number, hi: number) {
    if (lo >= hi) return;
    const name = `${family}-${grain}`;
    const bucket = (ms: number) => iso(ms).slice(0, grain === 'hour' ? 13 : 10);
    // [name, bucket, value] keys: the range up to [name, bucket(hi)] stops before hi's rows.
    const rows = await db.flagCounters
      .where(':id')
      .between([name, bucket(lo)], [name, bucket(hi)], true, false)
      .toArray();
    for (const row of rows) add(row.key[2] ?? '', row.count);
  }

  // Only where a period starts or ends off the hour: at most an hour of flags each.
  async function fromFlags(lo: number, hi: number) {
    if (lo >= hi) return;
    const flags = await db.flags
      .where('createdAt')
      .between(iso(lo), iso(hi), true, false)
      .toArray();
    for (const flag of flags) if (!flag.deleted) add(valueIn[family](flag), 1);
  }

  if (!(from < to)) return counts;
  const firstHour = ceilTo(from, HOUR);
  const lastHour = floorTo(to, HOUR);
  if (firstHour >= lastHour) {
    await fromFlags(from, to);
    return counts;
  }
  const firstDay = ceilTo(firstHour, DAY);
  const lastDay = floorTo(lastHour, DAY);
  const middle =
    firstDay < lastDay
      ? [
          fromRows('hour', firstHour, firstDay),
          fromRows('day', firstDay, lastDay),
          fromRows('hour', lastDay, lastHour),
        ]
      : [fromRows('hour', firstHour, lastHour)];
  await Promise.all([fromFlags(from, firstHour), ...middle, fromFlags(lastHour, to)]);
  return counts;
}
