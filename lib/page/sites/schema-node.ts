/**
 * Reading schema.org data the same way whether it came from JSON-LD or microdata: a node
 * is a plain object with `@type` and properties whose values may be text, numbers, nested
 * nodes, `{"@id"}` references or arrays of any of these.
 */
export type SchemaNode = { readonly [property: string]: unknown };

export const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Short type names: "https://schema.org/Product" and "schema:Product" are "Product". */
export function typesOf(node: SchemaNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/:#]/, ''));
}

/**
 * Whether the node has one of `types`, compared without case: schema.org names are
 * case-sensitive, but shops write `"@type": "product"` and mean the same thing.
 */
export function hasType(node: SchemaNode, types: readonly string[]): boolean {
  const own = typesOf(node);
  return own.some((type) => {
    const lower = type.toLowerCase();
    return types.some((wanted) => wanted.toLowerCase() === lower);
  });
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** A property as text: the first value, numbers as written, `{"@value"}` unwrapped. */
export function textProp(node: SchemaNode, property: string): string | undefined {
  let value = first(node[property]);
  if (isNode(value)) value = value['@value'] ?? value.name;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** Resolves `{"@id": "#seller"}` references against the nodes of the same page. */
export type NodeIndex = ReadonlyMap<string, SchemaNode>;

/** Every node a property holds (arrays flattened), references resolved where known. */
export function nodesProp(node: SchemaNode, property: string, index?: NodeIndex): SchemaNode[] {
  const raw = node[property];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter(isNode).map((value) => {
    const id = value['@id'];
    const onlyReference = typeof id === 'string' && Object.keys(value).length === 1;
    return (onlyReference && index?.get(id)) || value;
  });
}

export const nodeProp = (node: SchemaNode, property: string, index?: NodeIndex) =>
  nodesProp(node, property, index)[0];
