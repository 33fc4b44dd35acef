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

/** Hashtags (without '#') in plain text, each once, in order. */
export function hashtagsInText(text: string): string[] {
  const tags = new Set<string>();
  for (const match of text.matchAll(/#([\p{L}\p{M}\p{N}_]+)/gu)) if (match[1]) tags.add(match[1]);
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
