/**
 * JSON as real pages serve it in `<script type="application/ld+json">`: trailing commas,
 * comments, raw line breaks inside strings, HTML comment or CDATA wrappers, HTML-escaped
 * bodies and several objects run together. Repairs what can be repaired without guessing;
 * whatever still does not parse is skipped. Never throws.
 */

/** Larger blocks are not structured data worth reading; they are skipped unread. */
const MAX_LENGTH = 2_000_000;
const MAX_DEPTH = 256;

const ENTITIES: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  apos: "'",
  nbsp: ' ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (entity, body: string) => {
    if (body[0] !== '#') return ENTITIES[body.toLowerCase()] ?? entity;
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? Number.parseInt(body.slice(2), 16)
        : Number(body.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

const unwrap = (text: string) =>
  text
    .trim()
    .replace(/^(?:\/\/\s*)?(?:<!--|<!\[CDATA\[)/, '')
    .replace(/(?:\/\/\s*)?(?:-->|\]\]>)$/, '');

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One pass over the text: drops comments and trailing commas outside strings, escapes raw
 * control characters inside them, and cuts the text into its top-level objects and arrays.
 */
function repairAndSplit(text: string): string[] {
  const chunks: string[] = [];
  let out: string[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      else if (c < ' ') {
        out.push(CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        continue;
      }
      out.push(c);
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    // Between top-level values only an object or array may start: stray text is dropped.
    if (depth === 0 && c !== '{' && c !== '[') continue;
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_DEPTH) return chunks;
    } else if (c === '}' || c === ']') {
      while (out.length > 0 && /\s/.test(out[out.length - 1] as string)) out.pop();
      if (out[out.length - 1] === ',') out.pop();
      depth--;
      out.push(c);
      if (depth === 0) {
        chunks.push(out.join(''));
        out = [];
      }
      continue;
    }
    out.push(c);
  }
  return chunks;
}

function parseChunks(text: string): unknown[] {
  const values: unknown[] = [];
  for (const chunk of repairAndSplit(text)) {
    try {
      values.push(JSON.parse(chunk));
    } catch {
      // Beyond safe repair: skip this block, keep the others.
    }
  }
  return values;
}

/** The JSON values in the text, as many as can be read safely; [] when none. */
export function parseLenientJson(text: string): unknown[] {
  if (text.length > MAX_LENGTH) return [];
  try {
    return [JSON.parse(text)];
  } catch {
    // Fall through to repairs.
  }
  const body = unwrap(text);
  const values = parseChunks(body);
  if (values.length > 0 || !/&(?:quot|#0*34|#x0*22);/i.test(body)) return values;
  // Some sites HTML-escape the whole body; decoded, it may be plain JSON.
  return parseChunks(decodeEntities(body));
}
