/**
 * Prices as the six markets write them: "RM 1,299.00", "฿1,290", "₫1.290.000",
 * "Rp 150.000", "₱1,299.50", "S$ 12.90". Vietnam and Indonesia write "." between
 * thousands and "," before decimals; the others the other way round. Pure: no DOM.
 */
import type { Market } from '@/lib/shared/protocol/records';
import type { ContentPrice } from './types';

export type Currency = 'MYR' | 'THB' | 'VND' | 'IDR' | 'PHP' | 'SGD';

const MARKET_OF: Record<Currency, Market> = {
  MYR: 'MY',
  THB: 'TH',
  VND: 'VN',
  IDR: 'ID',
  PHP: 'PH',
  SGD: 'SG',
};
const CURRENCY_OF: Record<Market, Currency> = {
  MY: 'MYR',
  TH: 'THB',
  VN: 'VND',
  ID: 'IDR',
  PH: 'PHP',
  SG: 'SGD',
};

/** Symbols, longest first so "S$" wins over "$" and "VNĐ" over "đ". */
const SYMBOLS: readonly [RegExp, Currency][] = [
  [/S\$|SG\$/i, 'SGD'],
  [/\bRM/i, 'MYR'],
  [/฿|บาท/, 'THB'],
  [/₫|VNĐ|đ/i, 'VND'],
  [/\bRp/i, 'IDR'],
  [/₱/, 'PHP'],
];
const CODE = /\b(MYR|THB|VND|IDR|PHP|SGD)\b/i;

/** Sizes beyond this are not prices but page noise (ids, phone numbers run together). */
const MAX_DIGITS = 15;

export const marketForCurrency = (currency: string): Market | undefined =>
  MARKET_OF[currency.toUpperCase() as Currency];

export const currencyForMarket = (market: Market): Currency => CURRENCY_OF[market];

/** The currency a price text names, or the market's currency for a bare "$"/number. */
export function currencyIn(text: string, market?: Market): Currency | undefined {
  const code = CODE.exec(text)?.[1];
  if (code) return code.toUpperCase() as Currency;
  for (const [pattern, currency] of SYMBOLS) if (pattern.test(text)) return currency;
  return market ? CURRENCY_OF[market] : undefined;
}

const dotGroupsThousands = (currency: Currency | undefined) =>
  currency === 'VND' || currency === 'IDR';

/** The first number in the text, read with the currency's separators; undefined if none. */
export function parseAmount(text: string, currency?: Currency): number | undefined {
  const match = /\d[\d.,\s\u00a0\u202f']*/.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  // Spaces and apostrophes group thousands in some locales; a trailing separator is punctuation.
  const raw = match[0].replace(/[\s\u00a0\u202f']/g, '').replace(/[.,]+$/, '');
  const lastDot = raw.lastIndexOf('.');
  const lastComma = raw.lastIndexOf(',');
  let decimalMark: '.' | ',' | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalMark = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const [, ...groups] = raw.split(mark);
    if (groups.length > 1) {
      // "1.290.000": several marks can only group thousands.
      if (groups.some((group) => group.length !== 3)) return undefined;
    } else if (groups[0]?.length !== 3) {
      decimalMark = mark;
    } else {
      // "1,290" or "1.290": three digits after one mark follow the market's habit.
      const thousandsMark = dotGroupsThousands(currency) ? '.' : ',';
      decimalMark = mark === thousandsMark ? undefined : mark;
    }
  }
  const [whole = '', fraction = ''] = decimalMark ? raw.split(decimalMark) : [raw];
  const digits = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(digits) || !/^\d*$/.test(fraction)) return undefined;
  if (digits.length > MAX_DIGITS) return undefined;
  const amount = Number(fraction ? `${digits}.${fraction}` : digits);
  return Number.isFinite(amount) ? amount : undefined;
}

/**
 * A price text ("RM 1,299.00") as amount and ISO 4217 currency. `market` supplies the
 * currency when the text has none (a bare "$12" on a Singapore page). Ranges
 * ("RM 10 - RM 20") give their first amount.
 */
export function parsePrice(
  text: string | undefined,
  market?: Market,
): (Omit<ContentPrice, 'listAmount'> & { currency: Currency }) | undefined {
  if (!text) return undefined;
  const clipped = text.slice(0, 200);
  const currency = currencyIn(clipped, market);
  if (!currency) return undefined;
  const amount = parseAmount(clipped, currency);
  return amount === undefined ? undefined : { amount, currency };
}
