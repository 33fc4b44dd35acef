/**
 * The fallback for any page no other adapter understands: what the page says about itself
 * in schema.org JSON-LD and microdata, else in OpenGraph tags. Items are filed under the
 * site's host name as their platform. It must never throw, whatever the page holds.
 *
 * Each item is placed where the page shows it (locate.ts): its name, image or player, so
 * no two items share a spot. Variants of one product are one item (variant-groups.ts).
 * Items the page does not show are left out, except the page's main item, which falls
 * back to the page's visible heading, main content or body.
 */
import { readJsonLd } from './json-ld';
import { PagePlaces, placeOf, placeOfScope } from './locate';
import { readMicrodata } from './microdata';
import { openGraphItem } from './open-graph';
import { hasType, isNode, type SchemaNode, textProp } from './schema-node';
import {
  itemFromNode,
  type NodeContext,
  PERSON_TYPES,
  PRODUCT_TYPES,
  VIDEO_TYPES,
} from './schema-org-item';
import type { ContentItem, SiteAdapter } from './types';
import { explicitGroups, groupIdOf, mergeGroup } from './variant-groups';

const ITEM_TYPES = [...PRODUCT_TYPES, ...VIDEO_TYPES];
const STRUCTURED =
  'script[type^="application/ld+json"], [itemscope][itemtype], meta[property^="og:"]';
/** Added elements that change what this adapter reads, when added or inside what was. */
const READ_HERE =
  'script[type^="application/ld+json"], [itemscope], [itemprop], meta[property^="og:"], meta[property^="product:"]';

const isJsonLd = (script: Element) =>
  (script.getAttribute('type') ?? '').trim().toLowerCase().startsWith('application/ld+json');

/**
 * Whether an added node can change what this adapter reads: a JSON-LD block, a microdata
 * item or property, an OpenGraph tag, or text inside a JSON-LD block or a property's value.
 * Text an item merely contains (a countdown inside a product's container) is not read as
 * structured data, so it changes nothing.
 */
function mayChange(added: Node): boolean {
  const element = added.nodeType === 1 ? (added as Element) : added.parentElement;
  if (!element) return false;
  if (added.nodeType === 1 && (element.matches(READ_HERE) || element.querySelector(READ_HERE)))
    return true;
  const around = element.closest('script, [itemprop], [itemscope]');
  if (!around) return false;
  return around.tagName === 'SCRIPT' ? isJsonLd(around) : !around.hasAttribute('itemscope');
}

/** The site as a platform name the wire format accepts ("shop.example.com"). */
export const platformForHost = (location: URL) =>
  location.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9.-]/g, '') || 'web';

/**
 * Products and videos anywhere in the data; people only where the page is about them
 * (top level or a profile page's main entity), not every article author.
 */
function isAbout(node: SchemaNode, root: boolean): boolean {
  return hasType(node, ITEM_TYPES) || (root && hasType(node, PERSON_TYPES));
}

const kindOf = (node: SchemaNode) =>
  hasType(node, PRODUCT_TYPES) ? 'product' : hasType(node, VIDEO_TYPES) ? 'video' : 'profile';

/** One item to be: its nodes (several for variants), where it is shown, and its context. */
interface Group {
  key: string;
  members: SchemaNode[];
  representative: SchemaNode;
  context: NodeContext;
  /** Where the page shows it; undefined when it does not. */
  element: Element | undefined;
  main: boolean;
}

function jsonLdGroups(doc: Document, context: NodeContext, places: PagePlaces): Group[] {
  const jsonLd = readJsonLd(doc);
  context.index = jsonLd.index;
  const roots = new Set(jsonLd.roots);
  for (const root of jsonLd.roots) {
    const main = hasType(root, ['ProfilePage']) ? root.mainEntity : undefined;
    if (isNode(main)) roots.add(main);
  }
  const nodes = jsonLd.all.filter((node) => isAbout(node, roots.has(node)));
  const explicit = explicitGroups(nodes, jsonLd.index);
  const groups = new Map<string, Group>();
  nodes.forEach((node, i) => {
    const key = explicit.get(node) ?? `node:${i}`;
    const group = groups.get(key);
    if (group) {
      group.members.push(node);
      // The ProductGroup itself speaks for its variants.
      if (hasType(node, ['ProductGroup'])) group.representative = node;
      return;
    }
    groups.set(key, {
      key,
      members: [node],
      representative: node,
      context,
      element: undefined,
      main: false,
    });
  });
  for (const group of groups.values()) {
    const player = kindOf(group.representative) === 'video';
    for (const node of [group.representative, ...group.members]) {
      group.element = placeOf(node, places, player);
      if (group.element) break;
    }
  }
  return [...groups.values()];
}

function microdataGroups(doc: Document, context: NodeContext, places: PagePlaces): Group[] {
  return readMicrodata(doc)
    .filter(({ node }) => isAbout(node, true))
    .map(({ node, element: scope }, i) => ({
      key: `microdata:${i}`,
      members: [node],
      representative: node,
      context: { doc: context.doc, location: context.location, platform: context.platform },
      element: placeOfScope(scope, node, places),
      main: false,
    }));
}

/**
 * Groups on one spot become one: variants named alike land on the same heading, and the
 * same product described in both JSON-LD and microdata lands on the same name. A second
 * item of another kind on a taken spot is left out rather than stacked.
 */
function onePerSpot(groups: Group[]): Group[] {
  const bySpot = new Map<Element, Group>();
  const kept: Group[] = [];
  for (const group of groups) {
    const spot = group.element;
    if (!spot) continue;
    const first = bySpot.get(spot);
    if (!first) {
      bySpot.set(spot, group);
      kept.push(group);
    } else if (first.context === group.context && kindOf(first.representative) === 'product') {
      if (kindOf(group.representative) === 'product') first.members.push(...group.members);
    }
  }
  return kept;
}

/** Something to check: a name, a description or a price. Beacons and stubs have none. */
const hasSubstance = (node: SchemaNode) =>
  textProp(node, 'name') !== undefined ||
  textProp(node, 'headline') !== undefined ||
  textProp(node, 'description') !== undefined ||
  node.offers !== undefined;

function readItems(doc: Document, location: URL): ContentItem[] {
  const platform = platformForHost(location);
  const pageUrl = `${location.origin}${location.pathname}`;
  const places = new PagePlaces(doc);
  const context: NodeContext = { doc, location, platform };
  const all = [...jsonLdGroups(doc, context, places), ...microdataGroups(doc, context, places)];
  // The page's main item: its first product, else its first item; shown even where the
  // page shows neither its name nor its image (at the page's heading).
  const main = all.find((group) => kindOf(group.representative) === 'product') ?? all[0];
  if (main) {
    main.main = true;
    main.element ??= places.page();
  }
  const groups = onePerSpot(
    all.filter((group) => group.main || hasSubstance(group.representative)),
  );
  // The one item of its kind on a page may take the page's URL as its id; several may not.
  const soleId = (kind: string) =>
    groups.filter((group) => kindOf(group.representative) === kind).length === 1
      ? pageUrl
      : undefined;
  const items = groups.flatMap((group) => {
    const groupId = groupIdOf(group.key);
    const node = mergeGroup(group.members, group.representative, groupId);
    const element = group.element ?? places.page();
    const item = itemFromNode(node, element, group.context, soleId(kindOf(node)));
    return item ? [item] : [];
  });
  if (items.length === 0) {
    const og = openGraphItem(doc, location, platform, places);
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
  mayChange(added) {
    try {
      return mayChange(added);
    } catch {
      return true; // when in doubt, read the page again
    }
  },

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
