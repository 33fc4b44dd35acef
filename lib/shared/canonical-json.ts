/**
 * Canonical JSON for signatures (the RFC 8785 / JCS idea): object keys sorted by UTF-16 code
 * units, no whitespace, numbers and strings as JSON.stringify writes them. The same pack
 * always serialises to the same bytes, however it was formatted or its keys ordered.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot serialise ${typeof value} as canonical JSON`);
}
