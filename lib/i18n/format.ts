/**
 * Dates and numbers in the UI language the reviewer reads, through `Intl`: never the
 * browser's default locale, which is not the chosen language when the options page picks
 * one (a Thai reviewer on an English browser read 12/7/2026 as 12 July). Dates name their
 * month ("7 ธ.ค. 2569", "7 thg 12, 2026"), so no day/month order can be misread. Pure apart
 * from the current locale, which the page sets once when it mounts.
 */

export interface Formats {
  /** The locale every formatter below uses (a BCP 47 tag). */
  locale: string;
  number(n: number): string;
  /** A calendar day, month named: "7 Dec 2026". */
  date(iso: string | number): string;
  /** A day and a time of day: "7 Dec 2026, 14:05". */
  dateTime(iso: string | number): string;
  /** A short day for chart axes: "7 Dec". */
  shortDay(iso: string | number): string;
}

const INVALID = '–';

/** A locale tag Intl accepts, or English when the tag is empty or unknown. */
export function supportedLocale(tag: string | undefined): string {
  if (!tag) return 'en';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function formatsFor(tag: string | undefined, timeZone?: string): Formats {
  const locale = supportedLocale(tag);
  const zone = timeZone ? { timeZone } : {};
  // Each formatter is built on first use: building all four cost about 10 ms in every page
  // the content script runs in (CPU profile of the overlay budgets' feed), where most pages
  // never format a date.
  let number: Intl.NumberFormat | undefined;
  const lazy = (options: Intl.DateTimeFormatOptions) => {
    let format: Intl.DateTimeFormat | undefined;
    return (value: string | number) => {
      const at = new Date(value);
      if (Number.isNaN(at.getTime())) return INVALID;
      format ??= new Intl.DateTimeFormat(locale, { ...options, ...zone });
      return format.format(at);
    };
  };
  return {
    locale,
    number: (n) => {
      number ??= new Intl.NumberFormat(locale);
      return number.format(n);
    },
    date: lazy({ dateStyle: 'medium' }),
    dateTime: lazy({ dateStyle: 'medium', timeStyle: 'short' }),
    shortDay: lazy({ day: 'numeric', month: 'short' }),
  };
}

// Built on the first `formats()` call, not at load: the content script's load is one task of
// the page's (issue 20), and most pages never format anything.
let current: Formats | undefined;

/** Sets the language of every later `formats()` call (the page's chosen UI language). */
export function setFormatLocale(tag: string | undefined): void {
  current = formatsFor(tag);
}

/** The formatters of the page's UI language. */
export const formats = (): Formats => {
  current ??= formatsFor('en');
  return current;
};
