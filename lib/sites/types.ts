/**
 * What an adapter makes of a page: content items with the element they live in. Adapters
 * read the page and nothing else; everything they return is untrusted page text.
 */
import type { ContentKind, Market } from '@/lib/protocol/records';

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
  market?: Market;
  /** The element the item is drawn in: overlays anchor to it. */
  element: Element;
}

export interface SiteAdapter {
  id: string;
  /** Cheap test run on every page: does this adapter understand it? */
  matches(location: URL, doc: Document): boolean;
  findItems(doc: Document, location: URL): ContentItem[];
}
