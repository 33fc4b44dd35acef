/**
 * The fallback for any page no other adapter understands: what the page says about itself
 * in schema.org JSON-LD and microdata, else in OpenGraph tags. Items are filed under the
 * site's host name as their platform. It must never throw, whatever the page holds.
 */
import { readJsonLd } from './json-ld';
import { readMicrodata } from './microdata';
import { openGraphItem } from './open-graph';
import { hasType, isNode, type SchemaNode } from './schema-node';
import {
  itemFromNode,
  type NodeContext,
  PERSON_TYPES,
  PRODUCT_TYPES,
  VIDEO_TYPES,
} from './schema-org-item';
import type { ContentItem, SiteAdapter } from './types';

const ITEM_TYPES = [...PRODUCT_TYPES, ...VIDEO_TYPES];
const STRUCTURED =
  'script[type^="application/ld+json"], [itemscope][itemtype], meta[property^="og:"]';

/** The site as a platform name the wire format accepts ("shop.example.com"). */
export const platformForHost = (location: URL) =>
  location.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9.-]/g, '') || 'web';

/** Where a page-level item is drawn: its heading, else the main content, else the body. */
const pageElement = (doc: Document): Element =>
  doc.querySelector('h1') ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement;

/**
 * Products and videos anywhere in the data; people only where the page is about them
 * (top level or a profile page's main entity), not every article author.
 */
function isAbout(node: SchemaNode, root: boolean): boolean {
  return hasType(node, ITEM_TYPES) || (root && hasType(node, PERSON_TYPES));
}

const kindTypesOf = (node: SchemaNode) =>
  hasType(node, PRODUCT_TYPES)
    ? PRODUCT_TYPES
    : hasType(node, VIDEO_TYPES)
      ? VIDEO_TYPES
      : PERSON_TYPES;

interface Candidate {
  node: SchemaNode;
  element: Element;
  context: NodeContext;
}

function candidates(doc: Document, location: URL, platform: string): Candidate[] {
  const jsonLd = readJsonLd(doc);
  const context: NodeContext = { doc, location, index: jsonLd.index, platform };
  const roots = new Set(jsonLd.roots);
  for (const root of jsonLd.roots) {
    const main = hasType(root, ['ProfilePage']) ? root.mainEntity : undefined;
    if (isNode(main)) roots.add(main);
  }
  const element = pageElement(doc);
  const found = jsonLd.all
    .filter((node) => isAbout(node, roots.has(node)))
    .map((node) => ({ node, element, context }));
  for (const { node, element: scope } of readMicrodata(doc)) {
    if (isAbout(node, true))
      found.push({ node, element: scope, context: { doc, location, platform } });
  }
  return found;
}

function readItems(doc: Document, location: URL): ContentItem[] {
  const platform = platformForHost(location);
  const pageUrl = `${location.origin}${location.pathname}`;
  const found = candidates(doc, location, platform);
  // The one item of its kind on a page may take the page's URL as its id; several may not.
  const soleId = (kindTypes: readonly string[]) =>
    found.filter(({ node }) => hasType(node, kindTypes)).length === 1 ? pageUrl : undefined;
  const items = found.flatMap(({ node, element, context }) => {
    const item = itemFromNode(node, element, context, soleId(kindTypesOf(node)));
    return item ? [item] : [];
  });
  if (items.length === 0) {
    const og = openGraphItem(doc, location, platform);
    if (og) items.push(og);
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.kind}:${item.itemId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const genericStructuredDataAdapter: SiteAdapter = {
  id: 'generic-structured-data',

  matches(_location, doc) {
    try {
      return doc.querySelector(STRUCTURED) !== null;
    } catch {
      return false;
    }
  },

  findItems(doc, location) {
    try {
      return readItems(doc, location);
    } catch {
      // A page built to break readers gets no items rather than a broken content script.
      return [];
    }
  },
};
