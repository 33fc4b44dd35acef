/**
 * From schema.org nodes (Product, Offer, VideoObject, Person) to content items. The page
 * chose what to put in its structured data, so every value is checked: URLs must be
 * http(s), prices must be numbers, an item needs some identifier of its own.
 */
import type { ContentKind } from '@/lib/shared/protocol/records';
import { bareHandle, hashtagsInText, httpUrl } from './dom-text';
import { cleanHttpUrl } from './item-url';
import { itemCountry } from './market';
import { parseAmount } from './price';
import {
  hasType,
  type NodeIndex,
  nodeProp,
  nodesProp,
  type SchemaNode,
  textProp,
} from './schema-node';
import type { ContentCreator, ContentItem, ContentPrice } from './types';

export const PRODUCT_TYPES = ['Product', 'ProductGroup', 'IndividualProduct', 'ProductModel'];
export const VIDEO_TYPES = ['VideoObject'];
export const PERSON_TYPES = ['Person'];

export interface NodeContext {
  doc: Document;
  location: URL;
  index?: NodeIndex;
  /** The platform name items are filed under: the site's host name. */
  platform: string;
}

/** "1299.00", 1299, "1,299.00": structured data should use plain numbers, but does not always. */
function amountOf(node: SchemaNode | undefined, property: string): number | undefined {
  const text = node && textProp(node, property);
  if (!text) return undefined;
  const plain = Number(text);
  return Number.isFinite(plain) && plain >= 0 ? plain : parseAmount(text);
}

function currencyOf(...nodes: (SchemaNode | undefined)[]): string | undefined {
  for (const node of nodes) {
    const code = node && textProp(node, 'priceCurrency')?.toUpperCase();
    if (code && /^[A-Z]{3}$/.test(code)) return code;
  }
  return undefined;
}

/** The first offer's price; a `ListPrice`/`StrikethroughPrice` specification is the list price. */
function priceOf(product: SchemaNode, index?: NodeIndex): ContentPrice | undefined {
  const offer = nodeProp(product, 'offers', index);
  if (!offer) return undefined;
  const specs = nodesProp(offer, 'priceSpecification', index);
  const isList = (spec: SchemaNode) =>
    /ListPrice|StrikethroughPrice/i.test(textProp(spec, 'priceType') ?? '');
  const saleSpec = specs.find((spec) => !isList(spec));
  const listSpec = specs.find(isList);
  const amount =
    amountOf(offer, 'price') ?? amountOf(offer, 'lowPrice') ?? amountOf(saleSpec, 'price');
  const currency = currencyOf(offer, saleSpec, listSpec);
  if (amount === undefined || !currency) return undefined;
  const listAmount = amountOf(listSpec, 'price');
  return listAmount === undefined ? { amount, currency } : { amount, currency, listAmount };
}

/** A person or organisation as a creator: an id of its own is required. */
export function creatorOf(node: SchemaNode | undefined, location: URL): ContentCreator | undefined {
  if (!node) return undefined;
  const name = textProp(node, 'name');
  const alternate = textProp(node, 'alternateName');
  const handle = bareHandle(alternate ?? name ?? '');
  const url = httpUrl(textProp(node, 'url'), location)?.href;
  const id =
    textProp(node, 'identifier') ??
    (alternate ? handle : undefined) ??
    url ??
    textProp(node, '@id') ??
    name;
  if (!id || !handle) return undefined;
  return { id, handle, ...(name ? { displayName: name } : {}) };
}

/**
 * `@id` is often a fragment ("#product"): made absolute, it names the item on this page.
 * Tracking parameters are dropped (item-url.ts): they change per visit, the item does not.
 */
function nodeId(node: SchemaNode, location: URL): string | undefined {
  const id = textProp(node, '@id');
  return id && (cleanHttpUrl(id, location) ?? id);
}

/**
 * The shop's own identifiers, best first. A group of variants is named by its group id; a
 * shop that puts the SKU on the offer rather than the product is read there too.
 */
const ID_PROPERTIES: Record<'product' | 'video' | 'profile', readonly string[]> = {
  product: [
    'sku',
    'productGroupID',
    'productID',
    'gtin13',
    'gtin14',
    'gtin12',
    'gtin8',
    'gtin',
    'mpn',
  ],
  video: ['identifier'],
  profile: [],
};

function ownId(node: SchemaNode, kind: keyof typeof ID_PROPERTIES, index?: NodeIndex) {
  const properties = ID_PROPERTIES[kind];
  const sources = kind === 'product' ? [node, ...nodesProp(node, 'offers', index)] : [node];
  for (const source of sources)
    for (const property of properties) {
      const value = textProp(source, property);
      if (value) return value;
    }
  return undefined;
}

export function itemFromNode(
  node: SchemaNode,
  element: Element,
  context: NodeContext,
  fallbackId?: string,
): ContentItem | undefined {
  const { location, index } = context;
  const kind: ContentKind | undefined = hasType(node, PRODUCT_TYPES)
    ? 'product'
    : hasType(node, VIDEO_TYPES)
      ? 'video'
      : hasType(node, PERSON_TYPES)
        ? 'profile'
        : undefined;
  if (!kind) return undefined;
  const ownUrl = cleanHttpUrl(textProp(node, 'url'), location);
  const contentUrl =
    kind === 'video'
      ? httpUrl(textProp(node, 'contentUrl') ?? textProp(node, 'embedUrl'), location)?.href
      : undefined;
  const idProperty = ownId(node, kind, index);
  // A profile is about its creator: the same id, so its history joins up.
  const self = kind === 'profile' ? creatorOf(node, location) : undefined;
  const itemId =
    self?.id ?? idProperty ?? nodeId(node, location) ?? ownUrl ?? contentUrl ?? fallbackId;
  if (!itemId) return undefined;

  const title = textProp(node, 'name') ?? textProp(node, 'headline');
  const description = textProp(node, 'description');
  const creator =
    kind === 'product'
      ? creatorOf(nodeProp(nodeProp(node, 'offers', index) ?? {}, 'seller', index), location)
      : kind === 'video'
        ? creatorOf(nodeProp(node, 'author', index) ?? nodeProp(node, 'creator', index), location)
        : self;
  const price = kind === 'product' ? priceOf(node, index) : undefined;
  const market = itemCountry(element, context.doc, location, price?.currency);
  return {
    platform: context.platform,
    kind,
    itemId,
    url: ownUrl ?? `${location.origin}${location.pathname}`,
    ...(creator ? { creator } : {}),
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    hashtags: hashtagsInText(`${title ?? ''} ${description ?? ''}`),
    ...(price ? { price } : {}),
    ...(market ? { market } : {}),
    element,
  };
}
