/**
 * Which market a page or element is about, from what the page says of itself. Items carry
 * the country they are sold in (ISO 3166-1 alpha-2, or "EU" for a euro price with nothing
 * more precise): one of the six markets, or another country, so that checks written for a
 * market (a Malaysian IC number, a Thai ID) do not run on a European shop's prices and dates.
 */
import { isMarket, type Market } from '@/lib/shared/protocol/vocabulary';
import { attrOf } from './dom-text';
import { marketForCurrency } from './price';

export function asMarket(value: string | undefined): Market | undefined {
  const upper = value?.trim().toUpperCase();
  return isMarket(upper) ? upper : undefined;
}

/** The region subtag of a language tag ("vi-VN", "de_DE", "zh-Hant-TW"), upper case. */
export function regionOfLanguage(tag: string | undefined): string | undefined {
  const region = tag
    ?.trim()
    .split(/[-_]/)
    .slice(1)
    .find((part) => /^[a-z]{2}$/i.test(part));
  return region?.toUpperCase();
}

/**
 * An explicit hint among the six markets: the nearest `data-market` around the element,
 * then the region of the page language (`<html lang="vi-VN">`). Undefined when the page does
 * not say.
 */
export function marketHint(element: Element | null | undefined, doc: Document): Market | undefined {
  const marked = asMarket(attrOf(element?.closest('[data-market]'), 'data-market'));
  if (marked) return marked;
  return asMarket(regionOfLanguage(attrOf(doc.documentElement, 'lang')));
}

/** The hint if there is one, else the market whose currency the price is in. */
export const marketOf = (hint: Market | undefined, currency: string | undefined) =>
  hint ?? (currency ? marketForCurrency(currency) : undefined);

/**
 * The country a currency belongs to: ISO 4217 codes start with the ISO 3166 country code
 * (MYR, USD, GBP), except the euro (EU) and the X-codes (gold, SDRs, regional francs), which
 * name no one country.
 */
export function countryForCurrency(currency: string | undefined): string | undefined {
  const code = currency?.toUpperCase();
  if (!code || !/^[A-Z]{3}$/.test(code)) return undefined;
  const market = marketForCurrency(code);
  if (market) return market;
  if (code === 'EUR') return 'EU';
  return code.startsWith('X') ? undefined : code.slice(0, 2);
}

/** Country-code domains used world-wide as generic names (.io, .co, .tv): they say nothing. */
const GENERIC_CCTLDS = new Set([
  'ai',
  'am',
  'cc',
  'co',
  'fm',
  'gg',
  'io',
  'la',
  'ly',
  'me',
  'nu',
  'sh',
  'to',
  'tv',
  'ws',
  'xyz',
]);

/** The country of the host's country-code domain ("shop.co.id" -> ID), when it has one. */
export function countryOfHost(hostname: string): string | undefined {
  const tld = hostname.toLowerCase().split('.').pop() ?? '';
  if (!/^[a-z]{2}$/.test(tld) || GENERIC_CCTLDS.has(tld)) return undefined;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

/** `og:locale` ("de_DE"), read once per call; pages that lack it say nothing. */
const openGraphRegion = (doc: Document) =>
  regionOfLanguage(attrOf(doc.querySelector('meta[property="og:locale"]'), 'content'));

/**
 * The country an item is sold in, most reliable first: a price in one of the six markets'
 * currencies; what the page says of its market (`data-market`, the language's region,
 * `og:locale`); the country of another currency; the host's country-code domain.
 * Undefined when nothing says: every market's checks then run.
 */
export function itemCountry(
  element: Element | null | undefined,
  doc: Document,
  location: URL,
  currency?: string,
): string | undefined {
  const sixMarket = currency ? marketForCurrency(currency) : undefined;
  if (sixMarket) return sixMarket;
  const marked = asMarket(attrOf(element?.closest('[data-market]'), 'data-market'));
  return (
    marked ??
    regionOfLanguage(attrOf(doc.documentElement, 'lang')) ??
    openGraphRegion(doc) ??
    countryForCurrency(currency) ??
    countryOfHost(location.hostname)
  );
}
