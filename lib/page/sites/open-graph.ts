/**
 * OpenGraph tags (`og:type`, `og:title`, `og:description`, `og:url`,
 * `product:price:amount`, `product:price:currency`, ...): the least a marketplace page
 * says about itself, used when it has no schema.org data.
 */
import type { ContentKind } from '@/lib/shared/protocol/records';
import { attrOf, bareHandle, hashtagsInText } from './dom-text';
import { cleanHttpUrl } from './item-url';
import { PagePlaces } from './locate';
import { itemCountry } from './market';
import { parseAmount } from './price';
import type { ContentItem, ContentPrice } from './types';

/** `<meta property="og:title" content="...">` values by property (the first of each wins). */
export function readOpenGraph(doc: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of doc.querySelectorAll('meta[property], meta[name]')) {
    const key = (attrOf(meta, 'property') ?? attrOf(meta, 'name'))?.toLowerCase();
    const content = attrOf(meta, 'content')?.replace(/\s+/g, ' ');
    if (!key || !content || !/^(og|product|video|profile):/.test(key)) continue;
    if (!tags.has(key)) tags.set(key, content);
  }
  return tags;
}

function kindOf(type: string | undefined): ContentKind | undefined {
  if (!type) return undefined;
  if (type === 'product' || type.startsWith('product.') || type === 'og:product') return 'product';
  if (type.startsWith('video')) return 'video';
  if (type === 'profile') return 'profile';
  return undefined;
}

function priceOf(tags: Map<string, string>): ContentPrice | undefined {
  const amountText = tags.get('product:price:amount') ?? tags.get('og:price:amount');
  const currency = (
    tags.get('product:price:currency') ?? tags.get('og:price:currency')
  )?.toUpperCase();
  if (!amountText || !currency || !/^[A-Z]{3}$/.test(currency)) return undefined;
  const amount = Number.isFinite(Number(amountText)) ? Number(amountText) : parseAmount(amountText);
  if (amount === undefined || amount < 0) return undefined;
  const listText = tags.get('product:original_price:amount');
  const listAmount = listText === undefined ? undefined : parseAmount(listText);
  return listAmount === undefined ? { amount, currency } : { amount, currency, listAmount };
}

export function openGraphItem(
  doc: Document,
  location: URL,
  platform: string,
  places = new PagePlaces(doc),
): ContentItem | undefined {
  const tags = readOpenGraph(doc);
  const kind = kindOf(tags.get('og:type')?.toLowerCase());
  if (!kind) return undefined;
  const canonical = attrOf(doc.querySelector('link[rel="canonical"]'), 'href');
  const url =
    cleanHttpUrl(tags.get('og:url') ?? canonical, location) ??
    `${location.origin}${location.pathname}`;
  const itemId = tags.get('product:retailer_item_id') ?? url;
  const title = tags.get('og:title');
  const description = tags.get('og:description');
  const price = kind === 'product' ? priceOf(tags) : undefined;
  const username = tags.get('profile:username');
  const handle = username ? bareHandle(username) : undefined;
  // Where the page shows the title or the image, else its visible heading or body.
  const image = tags.get('og:image');
  const element = places.byName(title) ?? places.bySource(image ? [image] : []) ?? places.page();
  const market = itemCountry(element, doc, location, price?.currency);
  return {
    platform,
    kind,
    itemId,
    url,
    ...(handle
      ? {
          creator: {
            id: handle,
            handle,
            ...(title && kind === 'profile' ? { displayName: title } : {}),
          },
        }
      : {}),
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    hashtags: hashtagsInText(`${title ?? ''} ${description ?? ''}`),
    ...(price ? { price } : {}),
    ...(market ? { market } : {}),
    element,
  };
}
