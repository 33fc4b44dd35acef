/**
 * Variants of one product as one item. Shops describe each size and colour as a Product of
 * its own (fourteen for one T-shirt), joined by a ProductGroup's `hasVariant`, by
 * `isVariantOf` or `inProductGroupWithID`, or by nothing but their shared name. The reviewer
 * sees one product on the page, so it gets one badge and one queue item.
 */
import {
  isNode,
  type NodeIndex,
  nodeProp,
  nodesProp,
  type SchemaNode,
  textProp,
} from './schema-node';

/** The identity properties a group's merged node must not take from one variant. */
const VARIANT_IDS = ['sku', 'productID', 'gtin13', 'gtin14', 'gtin12', 'gtin8', 'gtin', 'mpn'];
/** What a group's node borrows from its first variant that has it. */
const BORROWED = ['name', 'description', 'offers', 'image', 'brand', 'url'];

/**
 * The group each product belongs to, by an explicit key: "group:<id>". ProductGroups are
 * keyed by their own group id (or `@id`), their variants by the group that lists them or
 * that they name.
 */
export function explicitGroups(nodes: readonly SchemaNode[], index?: NodeIndex) {
  const keys = new Map<SchemaNode, string>();
  const groupKey = (group: SchemaNode) => {
    const id = textProp(group, 'productGroupID') ?? textProp(group, '@id');
    return id ? `group:${id}` : undefined;
  };
  for (const node of nodes) {
    const variants = nodesProp(node, 'hasVariant', index);
    if (variants.length === 0 && textProp(node, 'productGroupID') === undefined) continue;
    const key = groupKey(node) ?? `group:#${keys.size}`;
    keys.set(node, key);
    for (const variant of variants) keys.set(variant, key);
  }
  for (const node of nodes) {
    if (keys.has(node)) continue;
    const named = textProp(node, 'inProductGroupWithID');
    const parent = nodeProp(node, 'isVariantOf', index);
    const key = named ? `group:${named}` : parent && (keys.get(parent) ?? groupKey(parent));
    if (key) keys.set(node, key);
  }
  return keys;
}

/** The group's id: the group's own, or the one its variants name. */
export const groupIdOf = (key: string | undefined) =>
  key?.startsWith('group:') && !key.startsWith('group:#') ? key.slice(6) : undefined;

/**
 * One node for a group: the ProductGroup's (or the first variant's) own properties, with
 * what it lacks (price, description) from the first variant that has it, and the group's
 * id instead of one variant's SKU.
 */
export function mergeGroup(
  members: readonly SchemaNode[],
  representative: SchemaNode,
  groupId: string | undefined,
): SchemaNode {
  if (members.length === 1 && groupId === undefined) return representative;
  const merged: Record<string, unknown> = { ...representative };
  for (const property of BORROWED) {
    if (merged[property] !== undefined) continue;
    const source = members.find((member) => member[property] !== undefined);
    if (source) merged[property] = source[property];
  }
  if (groupId !== undefined) {
    for (const property of VARIANT_IDS) delete merged[property];
    merged.productGroupID = groupId;
  }
  // An offer borrowed from a variant may carry that variant's SKU: the group's id wins.
  if (groupId !== undefined && isNode(merged.offers)) {
    const { sku: _sku, ...offer } = merged.offers as Record<string, unknown>;
    merged.offers = offer;
  }
  return merged;
}
