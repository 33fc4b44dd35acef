/**
 * schema.org microdata (`itemscope itemtype=".../Product"` with `itemprop`s) as the same
 * nodes JSON-LD gives, each top-level item with the element that carries it.
 */
import { attrOf, cleanText } from './dom-text';
import type { SchemaNode } from './schema-node';

const MAX_DEPTH = 12;

/** A property's value per the microdata spec: the attribute that holds it, else the text. */
function propValue(element: Element, depth: number): unknown {
  if (element.hasAttribute('itemscope')) return readItem(element, depth + 1);
  const tag = element.tagName.toLowerCase();
  if (tag === 'meta') return attrOf(element, 'content');
  if (['a', 'link', 'area'].includes(tag)) return attrOf(element, 'href');
  if (['img', 'source', 'video', 'audio', 'iframe', 'embed', 'track'].includes(tag))
    return attrOf(element, 'src');
  if (tag === 'time') return attrOf(element, 'datetime') ?? cleanText(element);
  if (['data', 'meter'].includes(tag)) return attrOf(element, 'value');
  return attrOf(element, 'content') ?? cleanText(element);
}

/** Properties whose nearest enclosing item is this one (nested items keep their own). */
function readItem(scope: Element, depth: number): SchemaNode {
  const node: Record<string, unknown> = {};
  const type = attrOf(scope, 'itemtype')?.split(/\s+/);
  if (type) node['@type'] = type;
  const id = attrOf(scope, 'itemid');
  if (id) node['@id'] = id;
  if (depth > MAX_DEPTH) return node;
  for (const element of scope.querySelectorAll('[itemprop]')) {
    const owner = element.parentElement?.closest('[itemscope]');
    if (owner !== scope) continue;
    const value = propValue(element, depth);
    if (value === undefined) continue;
    for (const name of attrOf(element, 'itemprop')?.split(/\s+/) ?? []) {
      const existing = node[name];
      node[name] = existing === undefined ? value : [existing, value].flat();
    }
  }
  return node;
}

export interface MicrodataItem {
  node: SchemaNode;
  element: Element;
}

/**
 * Top-level items: those not a property of another item. An `itemprop` with no item around
 * it belongs to nothing, so its item is top-level (the microdata spec's definition): shops
 * mark their main product `itemprop="mainEntity"` with no enclosing item.
 */
export function readMicrodata(doc: Document): MicrodataItem[] {
  const items: MicrodataItem[] = [];
  for (const scope of doc.querySelectorAll('[itemscope]')) {
    if (scope.hasAttribute('itemprop') && scope.parentElement?.closest('[itemscope]')) continue;
    items.push({ node: readItem(scope, 0), element: scope });
  }
  return items;
}
