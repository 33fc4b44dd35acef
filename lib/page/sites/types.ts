/**
 * What an adapter makes of a page: content items with the element they live in. Adapters
 * read the page and nothing else; everything they return is untrusted page text.
 */
import type { ContentKind, Market } from '@/lib/shared/protocol/records';

export interface ContentCreator {
  id: string;
  handle: string;
  displayName?: string;
}

export interface ContentPrice {
  amount: number;
  currency: string;
  listAmount?: number;
}

/** Counts the page shows next to an item ("12.4K" likes), when it shows them. */
export interface ContentEngagement {
  likes?: number;
  comments?: number;
  shares?: number;
  views?: number;
  viewers?: number;
  followers?: number;
}

export interface ContentItem {
  platform: string;
  kind: ContentKind;
  itemId: string;
  url: string;
  creator?: ContentCreator;
  title?: string;
  description?: string;
  hashtags: string[];
  price?: ContentPrice;
  /**
   * Where the item is sold: one of the six markets, or another country's ISO 3166 code ("DE",
   * "EU" for a euro price) when the page says it is elsewhere (market.ts). Only the six
   * reach stored references (item-ref.ts); the policy engine gets any, so checks written
   * for a market skip items of other countries.
   */
  market?: Market | string;
  engagement?: ContentEngagement;
  /** The element the item is drawn in: overlays anchor to it. */
  element: Element;
}

/**
 * Items a page repeats by the hundred (feed cards, grid cells, console rows), described so
 * that a feed of thousands costs what its visible screenful costs: new ones are found with
 * a selector inside what the page added, named by a cheap look at their id, and read in
 * full only when they come near the viewport.
 */
export interface RepeatedItems {
  /** Matches every element that holds one item. */
  selector: string;
  /**
   * The item's platform and id, as cheaply as the markup allows (no text, no URL parsing);
   * undefined when the element is not an item. `read` has the last word: when it finds
   * another id, the item is filed under that one.
   */
  identify(element: Element, location: URL): { platform: string; itemId: string } | undefined;
  /** The whole item; undefined when the element turns out not to be one. */
  read(element: Element, location: URL, doc: Document): ContentItem | undefined;
}

export interface SiteAdapter {
  id: string;
  /** Cheap test run on every page: does this adapter understand it? */
  matches(location: URL, doc: Document): boolean;
  /** Every item on the page, read in full. */
  findItems(doc: Document, location: URL): ContentItem[];
  /** The page's repeated items, when it has them; the content script then reads lazily. */
  repeated?: RepeatedItems;
  /** With `repeated`: the page's other items (a profile's header), read in full. */
  singleItems?(doc: Document, location: URL): ContentItem[];
  /**
   * Without `repeated`: whether a node the page added (an element with its subtree, or a
   * text) can change the page's items. The page is read again only after such a change: a
   * ticking counter or a rotating banner costs nothing. Without it, every addition re-reads
   * the page.
   */
  mayChange?(added: Node): boolean;
}

/** All of `repeated`'s items on the page, read, each id once (the first element wins). */
export function readRepeated(
  repeated: RepeatedItems,
  doc: Document,
  location: URL,
  limit = Number.POSITIVE_INFINITY,
): ContentItem[] {
  const items: ContentItem[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const element of doc.querySelectorAll(repeated.selector)) {
    if (count++ >= limit) break;
    const item = repeated.read(element, location, doc);
    if (!item || seen.has(item.itemId)) continue;
    seen.add(item.itemId);
    items.push(item);
  }
  return items;
}
