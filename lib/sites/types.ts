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
  market?: Market;
  engagement?: ContentEngagement;
  /** The element the item is drawn in: overlays anchor to it. */
  element: Element;
}

export interface SiteAdapter {
  id: string;
  /** Cheap test run on every page: does this adapter understand it? */
  matches(location: URL, doc: Document): boolean;
  findItems(doc: Document, location: URL): ContentItem[];
}
