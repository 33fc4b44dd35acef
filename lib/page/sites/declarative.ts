/**
 * Declarative adapters: a site described as data (see `declarative-schema.ts`) becomes a
 * `SiteAdapter` like the built-in ones. What a selector finds is read as text (or as an
 * attribute), never as markup; URLs must be http(s). No schema code here: the content
 * script builds adapters from specs the background has already validated
 * (declarative-import.ts validates a file when it is imported).
 */
import type {
  DeclarativeAdapterSpec,
  DeclarativeField,
} from '@/lib/shared/sites/declarative-schema';
import { compileMatchPattern, type UrlTest } from '@/lib/shared/sites/match-pattern';
import { attrOf, bareHandle, cleanText, hashtagsInText, httpUrl, pageUrl } from './dom-text';
import { asMarket, marketHint } from './market';
import { type Currency, currencyIn, marketForCurrency, parseAmount } from './price';
import { type ContentItem, type RepeatedItems, readRepeated, type SiteAdapter } from './types';

export type { DeclarativeAdapterSpec } from '@/lib/shared/sites/declarative-schema';

/** Bounds: a console page can list thousands of rows, and patterns run on page text. */
const MAX_ITEMS = 2_000;
const MAX_FIELD_TEXT = 5_000;

type FieldReader = (container: Element) => string | undefined;

function fieldReader(field: DeclarativeField | undefined): FieldReader | undefined {
  if (!field) return undefined;
  let pattern: RegExp | undefined;
  try {
    pattern = field.pattern === undefined ? undefined : new RegExp(field.pattern, 'u');
  } catch {
    return () => undefined;
  }
  return (container) => {
    let element: Element | null = container;
    try {
      element = field.selector ? container.querySelector(field.selector) : container;
    } catch {
      return undefined;
    }
    const raw = field.attribute ? attrOf(element, field.attribute) : cleanText(element);
    const text = raw?.slice(0, MAX_FIELD_TEXT);
    if (!text || !pattern) return text;
    const match = pattern.exec(text);
    return (match?.[1] ?? match?.[0])?.trim() || undefined;
  };
}

export function createDeclarativeAdapter(spec: DeclarativeAdapterSpec): SiteAdapter {
  const tests: UrlTest[] = spec.urlPatterns.flatMap((pattern) => {
    const compiled = compileMatchPattern(pattern);
    return 'test' in compiled ? [compiled.test] : [];
  });
  const { item } = spec;
  const read = {
    itemId: fieldReader(item.itemId),
    url: fieldReader(item.url),
    title: fieldReader(item.title),
    description: fieldReader(item.description),
    creatorId: fieldReader(item.creatorId),
    creatorHandle: fieldReader(item.creatorHandle),
    creatorName: fieldReader(item.creatorName),
    price: fieldReader(item.price),
    listPrice: fieldReader(item.listPrice),
    currency: fieldReader(item.currency),
    market: fieldReader(item.market),
  };
  const platform = spec.platform ?? spec.id;

  const readItem = (container: Element, doc: Document, location: URL): ContentItem | undefined => {
    const itemId = read.itemId?.(container);
    if (!itemId) return undefined;
    const url = httpUrl(read.url?.(container), location)?.href ?? pageUrl(location);
    const title = read.title?.(container);
    const description = read.description?.(container);
    const handleText = read.creatorHandle?.(container);
    const creatorId = read.creatorId?.(container) ?? (handleText && bareHandle(handleText));
    const displayName = read.creatorName?.(container);
    const handle = bareHandle(handleText ?? creatorId ?? '');
    const hint = asMarket(read.market?.(container)) ?? spec.market ?? marketHint(container, doc);
    const priceText = read.price?.(container);
    const currencyText = read.currency?.(container);
    const currency = currencyIn(`${currencyText ?? ''} ${priceText ?? ''}`, hint);
    const amount = priceText && currency ? parseAmount(priceText, currency) : undefined;
    const listText = read.listPrice?.(container);
    const listAmount = listText
      ? parseAmount(listText, currency as Currency | undefined)
      : undefined;
    const market = hint ?? (currency ? marketForCurrency(currency) : undefined);
    return {
      platform,
      kind: item.kind,
      itemId,
      url,
      ...(creatorId && handle
        ? { creator: { id: creatorId, handle, ...(displayName ? { displayName } : {}) } }
        : {}),
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      hashtags: hashtagsInText(`${title ?? ''} ${description ?? ''}`),
      ...(amount !== undefined && currency
        ? { price: { amount, currency, ...(listAmount !== undefined ? { listAmount } : {}) } }
        : {}),
      ...(market ? { market } : {}),
      element: container,
    };
  };

  const rows: RepeatedItems = {
    selector: item.container,
    identify(container) {
      const itemId = read.itemId?.(container);
      return itemId ? { platform, itemId } : undefined;
    },
    read: (container, location, doc) => readItem(container, doc, location),
  };

  return {
    id: `declarative:${spec.id}`,
    matches(location, doc) {
      if (!tests.some((test) => test(location))) return false;
      try {
        return doc.querySelector(item.container) !== null;
      } catch {
        return false;
      }
    },
    findItems(doc, location) {
      try {
        return readRepeated(rows, doc, location, MAX_ITEMS);
      } catch {
        return []; // a selector the page's browser cannot parse reads nothing
      }
    },
    repeated: rows,
  };
}
