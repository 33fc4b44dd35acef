/**
 * The zod-free half of the wire's text rules (text.ts holds the schemas): what PostgreSQL
 * cannot store in a string, and how page text is made storable. Kept apart so the content
 * script can clean page text before it sends it without bundling Zod.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one (the
// pattern has no `u` flag, so it sees UTF-16 code units).
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const UNSAFE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

// A cheap first look (no lookaround): almost all text has neither NUL nor any surrogate.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what it looks for
const MAYBE_UNSAFE = /[\u0000\uD800-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (!MAYBE_UNSAFE.test(text)) return undefined;
  const found = UNSAFE.exec(text);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  const at = `at index ${found.index}`;
  if (unit === 0) return `must not contain U+0000 (NUL) (${at})`;
  const hex = unit.toString(16).toUpperCase();
  return `must not contain a lone surrogate U+${hex} (${at})`;
}

/**
 * Text made storable: U+0000 removed and lone surrogates replaced by U+FFFD, as a browser's
 * TextEncoder would. For code that turns page text into records, so that a hostile page's
 * string still makes a flag instead of a record the endpoint refuses.
 */
export function toWireText(text: string): string {
  // The cheap look first: UNSAFE's lookbehind makes it scan slowly, and page text is on
  // every card's reference.
  if (!MAYBE_UNSAFE.test(text) || !UNSAFE.test(text)) return text;
  return text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}
