/**
 * Reading a product where the platform shows one: the product page itself, the "more from
 * this shop" cards beneath it and the shopping bag of a live stream. Prices carry their
 * currency; the market is the page's hint or else the currency's.
 */
import { attrOf, bareHandle, cleanText, hashtagsIn, httpUrl, textOf } from './dom-text';
import { readEngagement } from './engagement';
import { marketHint, marketOf } from './market';
import { handleInPath, PLATFORM, productIdIn } from './platform-paths';
import { parseAmount, parsePrice } from './price';
import type { ContentCreator, ContentItem, ContentPrice } from './types';

export interface ProductHooks {
  title: string;
  price: string;
  listPrice: string;
  description?: string;
}

/** Price and list price (the struck-through "was" price) from their elements. */
export function readPrice(
  root: ParentNode,
  hooks: ProductHooks,
  hint: ReturnType<typeof marketHint>,
): ContentPrice | undefined {
  const price = parsePrice(textOf(root, hooks.price), hint);
  if (!price) return undefined;
  const listText = textOf(root, hooks.listPrice);
  const listAmount = listText === undefined ? undefined : parseAmount(listText, price.currency);
  return listAmount === undefined ? price : { ...price, listAmount };
}

/** The seller, from a link to its profile (`/@handle`) and its shown name. */
export function readSeller(root: Element, location: URL): ContentCreator | undefined {
  const seller = root.querySelector('[data-e2e="product-seller"]');
  if (!seller) return undefined;
  const link = seller.querySelector('a[href]');
  const href = httpUrl(attrOf(link, 'href'), location);
  const linkHandle =
    href && href.origin === location.origin ? handleInPath(href.pathname) : undefined;
  const name = textOf(seller, '[data-e2e="product-seller-name"]');
  const handle = bareHandle(linkHandle ?? name ?? '');
  if (!handle) return undefined;
  return { id: handle, handle, ...(name ? { displayName: name } : {}) };
}

/** A product item whose id is already known (from the URL or the card's link). */
export function readProduct(
  root: Element,
  doc: Document,
  location: URL,
  itemId: string,
  url: string,
  hooks: ProductHooks,
): ContentItem {
  const hint = marketHint(root, doc);
  const price = readPrice(root, hooks, hint);
  const market = marketOf(hint, price?.currency);
  const descElement = hooks.description ? root.querySelector(hooks.description) : null;
  const description = cleanText(descElement);
  const title = textOf(root, hooks.title);
  const creator = readSeller(root, location);
  const engagement = readEngagement(root, { likes: '[data-e2e="product-like-count"]' });
  return {
    platform: PLATFORM,
    kind: 'product',
    itemId,
    url,
    ...(creator ? { creator } : {}),
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    hashtags: hashtagsIn(descElement),
    ...(price ? { price } : {}),
    ...(market ? { market } : {}),
    ...(engagement ? { engagement } : {}),
    element: root,
  };
}

const CARD_HOOKS: ProductHooks = {
  title: '[data-e2e="product-card-title"]',
  price: '[data-e2e="product-card-price"]',
  listPrice: '[data-e2e="product-card-list-price"]',
};

/** A product card: the platform's recommendations, a live stream's shopping bag. */
export const PRODUCT_CARD = '[data-e2e="product-card"]';

/** Every product card under `root`, each identified by its link to `/shop/product/<id>`. */
export function readProductCards(root: ParentNode, doc: Document, location: URL): ContentItem[] {
  const items: ContentItem[] = [];
  const seen = new Set<string>();
  for (const card of root.querySelectorAll(PRODUCT_CARD)) {
    for (const anchor of card.querySelectorAll('a[href]')) {
      const url = httpUrl(attrOf(anchor, 'href'), location);
      const id = url && productIdIn(url);
      if (!url || !id || seen.has(id)) continue;
      seen.add(id);
      items.push(readProduct(card, doc, location, id, `${url.origin}${url.pathname}`, CARD_HOOKS));
      break;
    }
  }
  return items;
}
