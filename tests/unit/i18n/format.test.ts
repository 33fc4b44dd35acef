import { describe, expect, it } from 'vitest';
import { formats, formatsFor, setFormatLocale, supportedLocale } from '@/lib/i18n/format';

// 7 December 2026, midday UTC: the day every locale below must say, in its own order.
const DAY = '2026-12-07T12:00:00.000Z';

describe('formatsFor', () => {
  it('names the month, so 7 December never reads as 12 July', () => {
    const th = formatsFor('th', 'UTC').date(DAY);
    const vi = formatsFor('vi', 'UTC').date(DAY);
    const en = formatsFor('en', 'UTC').date(DAY);
    expect(th).toMatch(/^7 ธ\.ค\. 25\d\d$/); // Thai: day first, Buddhist era year
    expect(vi).toMatch(/^7 thg 12, 2026$/);
    expect(en).toBe('Dec 7, 2026');
    for (const text of [th, vi, en]) expect(text).not.toMatch(/12\/7|12\/07/);
  });

  it('puts the day before the month where the language does (Filipino writes the month first)', () => {
    expect(formatsFor('fil', 'UTC').shortDay(DAY)).toBe('Dis 7');
    for (const tag of ['th', 'vi', 'id', 'ms']) {
      const text = formatsFor(tag, 'UTC').shortDay(DAY);
      expect(text.indexOf('7'), `${tag}: ${text}`).toBeLessThan(text.search(/\p{L}/u));
    }
  });

  it('groups numbers as the language does', () => {
    expect(formatsFor('en').number(12345.5)).toBe('12,345.5');
    expect(formatsFor('vi').number(12345.5)).toBe('12.345,5');
    expect(formatsFor('id').number(3000)).toBe('3.000');
  });

  it('shows a dash for a date that does not parse instead of "Invalid Date"', () => {
    expect(formatsFor('en').date('not a date')).toBe('–');
    expect(formatsFor('en').dateTime('')).toBe('–');
  });

  it('falls back to English for a missing or malformed tag', () => {
    expect(supportedLocale(undefined)).toBe('en');
    expect(supportedLocale('not a tag!')).toBe('en');
    expect(supportedLocale('fil')).toBe('fil');
  });
});

describe('formats', () => {
  it('follows the locale the page set', () => {
    setFormatLocale('vi');
    expect(formats().locale).toBe('vi');
    expect(formats().number(1000)).toBe('1.000');
    setFormatLocale('en');
    expect(formats().number(1000)).toBe('1,000');
  });
});
