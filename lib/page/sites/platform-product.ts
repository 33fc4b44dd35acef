/**
 * The platform's shop product page: the product (title, price, list price, currency,
 * seller, description) and the other products the page recommends beneath it.
 */
import { pageUrl } from './dom-text';
import { PRODUCT_PATH } from './platform-paths';
import { PRODUCT_CARD, type ProductHooks, readProduct, readProductCards } from './product-card';
import { selectorChanges } from './selector-changes';
import type { SiteAdapter } from './types';

const DETAIL = '[data-e2e="product-detail"]';
const HOOKS: ProductHooks = {
  title: '[data-e2e="product-title"]',
  price: '[data-e2e="product-price"]',
  listPrice: '[data-e2e="product-list-price"]',
  description: '[data-e2e="product-desc"]',
};

export const platformProductAdapter: SiteAdapter = {
  id: 'platform-product',
  // The product is named by the URL and drawn on its detail; the recommendations by their
  // cards' links. Prices, counts and reviews added later name nothing.
  mayChange: selectorChanges({ structure: `${DETAIL}, ${PRODUCT_CARD}`, inside: PRODUCT_CARD }),

  matches(location, doc) {
    return PRODUCT_PATH.test(location.pathname) && doc.querySelector(DETAIL) !== null;
  },

  findItems(doc, location) {
    const id = PRODUCT_PATH.exec(location.pathname)?.[1];
    const detail = doc.querySelector(DETAIL);
    if (!id || !detail) return [];
    const product = readProduct(detail, doc, location, id, pageUrl(location), HOOKS);
    const recommended = readProductCards(doc, doc, location).filter((item) => item.itemId !== id);
    return [product, ...recommended];
  },
};
