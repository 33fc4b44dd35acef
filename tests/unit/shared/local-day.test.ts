import { afterEach, describe, expect, it } from 'vitest';
import {
  filterFromSearch,
  readFilterLink,
  searchForFilter,
} from '@/components/sidepanel/filter-url';
import { queueFilterSchema } from '@/lib/messaging/workspace-messages';
import { localDayBounds, localDayNoon, localDayOf, localDayProblem } from '@/lib/shared/local-day';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('local calendar days', () => {
  it('runs from local midnight to the next, in the reviewer’s zone', () => {
    process.env.TZ = 'Asia/Bangkok'; // UTC+7, no DST
    expect(localDayBounds('2026-12-07')).toEqual({
      start: '2026-12-06T17:00:00.000Z',
      end: '2026-12-07T17:00:00.000Z',
    });
    // 23:30 UTC on the 6th is already the 7th in Bangkok.
    expect(localDayOf('2026-12-06T23:30:00Z')).toBe('2026-12-07');
    expect(localDayOf('2026-12-06T16:59:59.999Z')).toBe('2026-12-06');
  });

  it('is 23 hours long on the day clocks go forward', () => {
    process.env.TZ = 'America/New_York';
    const { start, end } = localDayBounds('2026-03-08');
    expect((Date.parse(end) - Date.parse(start)) / 3_600_000).toBe(23);
    expect(localDayOf(start)).toBe('2026-03-08');
    expect(localDayOf(new Date(Date.parse(end) - 1))).toBe('2026-03-08');
    expect(localDayOf(end)).toBe('2026-03-09');
  });

  it('formats from noon, so the day never reads as the day before', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    expect(localDayOf(localDayNoon('2026-12-31'))).toBe('2026-12-31');
  });

  it.each([
    ['2026-02-29', 'is not a date on the calendar'],
    ['2026-13-01', 'is not a date on the calendar'],
    ['2026-04-31', 'is not a date on the calendar'],
    ['2026-00-10', 'is not a date on the calendar'],
    ['7/12/2026', 'is not a day written as YYYY-MM-DD'],
    ['2026-12-7', 'is not a day written as YYYY-MM-DD'],
    ['', 'is not a day written as YYYY-MM-DD'],
  ])('refuses %j: %s', (day, problem) => {
    expect(localDayProblem(day)).toContain(problem);
    expect(() => localDayBounds(day)).toThrow(problem);
  });

  it('accepts real days, leap days included', () => {
    for (const day of ['2028-02-29', '2026-12-31', '2026-01-01'])
      expect(localDayProblem(day)).toBeUndefined();
  });
});

describe('the queue’s day filter in a link', () => {
  it('travels through the panel’s address and back', () => {
    const filter = { day: '2026-12-07', severity: 'high' as const };
    expect(searchForFilter(filter)).toBe('?severity=high&day=2026-12-07');
    expect(filterFromSearch(searchForFilter(filter))).toEqual(filter);
  });

  it('leaves out a bad day and says what was wrong with it, keeping the rest', () => {
    expect(readFilterLink('?day=2026-02-30&market=TH')).toEqual({
      filter: { market: 'TH' },
      problems: ['day: 2026-02-30 is not a date on the calendar'],
    });
    expect(readFilterLink('?day=yesterday').problems).toEqual([
      'day: "yesterday" is not a day written as YYYY-MM-DD',
    ]);
    expect(readFilterLink('?day=2026-12-07').problems).toEqual([]);
  });

  it('is refused by the message schema too, with the same words', () => {
    const result = queueFilterSchema.safeParse({ day: '2026-12-32' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('2026-12-32 is not a date on the calendar');
  });
});
