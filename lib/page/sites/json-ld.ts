/**
 * schema.org nodes from a page's JSON-LD blocks: single objects, arrays, `@graph`
 * containers and lists, however they are nested. Blocks that cannot be read are skipped.
 */
import { parseLenientJson } from './lenient-json';
import { isNode, type NodeIndex, type SchemaNode } from './schema-node';

/** Bounds on the walk: hostile pages can nest or repeat without end. */
const MAX_DEPTH = 24;
const MAX_NODES = 2_000;

export interface JsonLdData {
  /** Nodes at the top of a block or of a `@graph`: what the page says it is about. */
  roots: SchemaNode[];
  /** Every node reached, top-level or nested, in document order. */
  all: SchemaNode[];
  index: NodeIndex;
}

/**
 * Each block's values, parsed again only when its text changed: a page read again because
 * one block was added does not parse the others again. The values are never modified.
 */
const parsed = new WeakMap<Element, { text: string; values: unknown[] }>();
function parsedBlock(script: Element): unknown[] {
  const text = script.textContent ?? '';
  const known = parsed.get(script);
  if (known?.text === text) return known.values;
  const values = parseLenientJson(text);
  parsed.set(script, { text, values });
  return values;
}

export function readJsonLd(doc: Document): JsonLdData {
  const roots: SchemaNode[] = [];
  const all: SchemaNode[] = [];
  const index = new Map<string, SchemaNode>();

  const visit = (value: unknown, depth: number, root: boolean) => {
    if (depth > MAX_DEPTH || all.length >= MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry, depth + 1, root);
      return;
    }
    if (!isNode(value)) return;
    const graph = value['@graph'];
    if (graph !== undefined) visit(graph, depth + 1, true);
    if (value['@type'] !== undefined) {
      all.push(value);
      if (root) roots.push(value);
      const id = value['@id'];
      if (typeof id === 'string' && !index.has(id)) index.set(id, value);
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== '@graph' && typeof child === 'object') visit(child, depth + 1, false);
    }
  };

  for (const script of doc.querySelectorAll('script[type]')) {
    const type = script.getAttribute('type')?.trim().toLowerCase() ?? '';
    if (!type.startsWith('application/ld+json')) continue;
    for (const value of parsedBlock(script)) visit(value, 0, true);
  }
  return { roots, all, index };
}
