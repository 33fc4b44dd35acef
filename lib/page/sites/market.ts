/** Which of the six markets a page or element is about, from what the page says of itself. */
import { isMarket, type Market } from '@/lib/shared/protocol/vocabulary';
import { attrOf } from './dom-text';
import { marketForCurrency } from './price';

export function asMarket(value: string | undefined): Market | undefined {
  const upper = value?.trim().toUpperCase();
  return isMarket(upper) ? upper : undefined;
}

/**
 * An explicit hint: the nearest `data-market` around the element, then the region of the
 * page language (`<html lang="vi-VN">`). Undefined when the page does not say.
 */
export function marketHint(element: Element | null | undefined, doc: Document): Market | undefined {
  const marked = asMarket(attrOf(element?.closest('[data-market]'), 'data-market'));
  if (marked) return marked;
  const lang = attrOf(doc.documentElement, 'lang');
  return asMarket(lang?.split(/[-_]/)[1]);
}

/** The hint if there is one, else the market whose currency the price is in. */
export const marketOf = (hint: Market | undefined, currency: string | undefined) =>
  hint ?? (currency ? marketForCurrency(currency) : undefined);
