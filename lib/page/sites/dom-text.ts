/** Small, defensive readers of page text: pages are hostile and markup changes. */

/** Visible text of the first match, whitespace collapsed; undefined when absent or empty. */
export function textOf(root: ParentNode, selector: string): string | undefined {
  return cleanText(root.querySelector(selector));
}

/** An element's text, whitespace collapsed; undefined when absent or empty. */
export function cleanText(element: Element | null | undefined): string | undefined {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** Hashtags as the page writes them (without '#'), from links or from the text itself. */
export function hashtagsIn(element: Element | null | undefined): string[] {
  return element ? hashtagsInText(element.textContent ?? '') : [];
}

/** A hashtag: '#' and a run of letters, marks, digits and '_' in any script. */
const HASHTAG = /#([\p{L}\p{M}\p{N}_]+)/gu;

/** Whether `code` is an ASCII letter, digit or '_' (the ASCII part of HASHTAG's class). */
const asciiWord = (code: number) =>
  (code >= 0x61 && code <= 0x7a) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x30 && code <= 0x39) ||
  code === 0x5f;

/**
 * Hashtags (without '#') in plain text, each once, in order. Every card read looks for them,
 * and a Unicode property class costs the regular expression engine dearly (built on its
 * first use in each page, then slower to run than a plain loop): a tag that ends before any
 * non-ASCII character is read by hand, and only text where a '#' run meets one goes to the
 * expression. Both give the same tags (tests/unit/page/sites/dom-text.test.ts).
 */
export function hashtagsInText(text: string): string[] {
  const tags = new Set<string>();
  let at = text.indexOf('#');
  while (at !== -1) {
    let end = at + 1;
    while (end < text.length && asciiWord(text.charCodeAt(end))) end++;
    if (end < text.length && text.charCodeAt(end) > 0x7f) return hashtagsByExpression(text);
    if (end > at + 1) tags.add(text.slice(at + 1, end));
    at = text.indexOf('#', end);
  }
  return [...tags];
}

function hashtagsByExpression(text: string): string[] {
  const tags = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) if (match[1]) tags.add(match[1]);
  return [...tags];
}

/** A handle without its leading '@'. */
export const bareHandle = (handle: string) => handle.replace(/^@+/, '').trim();

/** An attribute's value, trimmed; undefined when absent or empty. */
export function attrOf(element: Element | null | undefined, name: string): string | undefined {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : undefined;
}

/**
 * An attribute value as an absolute http(s) URL, or undefined: a hostile page's
 * `javascript:` or `data:` href must never become a link or an item URL.
 */
export function httpUrl(value: string | undefined, base: URL | string): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The page's own address for an item: origin and path, without query or fragment. */
export const pageUrl = (location: URL) => `${location.origin}${location.pathname}`;
