/**
 * Where an item read from structured data is shown on the page: the visible element that
 * shows it (its name, its image, its player), so its badge sits next to it. JSON-LD says
 * nothing about where its items are, and microdata containers can be empty (a `div` of
 * `meta`s) or wrap the whole page; both would put badges far from the product or in the
 * page's corner, and every item on the same heading.
 */
import { attrOf, httpUrl } from './dom-text';
import { isNode, type SchemaNode, textProp } from './schema-node';
import { isPageWrapper, isShown } from './visibility';

/** Headings and named elements that may show an item's name. */
const NAME_ELEMENTS = 'h1, h2, h3, h4, [itemprop~="name"]';
/** Breadcrumb trails repeat the product's name (or its category) as a heading. */
const TRAIL =
  'nav, [class*="breadcrumb"], [class*="Breadcrumb"], [id*="breadcrumb"], [aria-label*="readcrumb"], [itemtype*="BreadcrumbList"]';
/** Names shorter than this match only exactly: "Shoes" must not claim "Shoes for kids". */
const MIN_PARTIAL = 6;

const normal = (text: string | null | undefined) =>
  (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

export function isBreadcrumb(element: Element): boolean {
  if (element.closest(TRAIL)) return true;
  // "Home › Shoes › Runner 2": a heading made of several links is a trail, not a title.
  return element.querySelectorAll('a').length >= 2;
}

/** A place a reviewer can see and that is not a breadcrumb. */
const usable = (element: Element) => isShown(element) && !isBreadcrumb(element);

/**
 * The page's own names, read once per page read: locating twenty items must not walk the
 * page twenty times.
 */
export class PagePlaces {
  private names: Array<{ element: Element; text: string }> | undefined;
  private media: Element[] | undefined;
  private fallback: Element | null | undefined;

  constructor(readonly doc: Document) {}

  private nameElements() {
    this.names ??= [...this.doc.querySelectorAll(NAME_ELEMENTS)]
      .map((element) => ({ element, text: normal(element.textContent) }))
      .filter(({ text }) => text.length > 0);
    return this.names;
  }

  /**
   * The visible element that shows `name`: the same text first (a top-level heading before
   * others), then a heading the name begins with ("Runner 2" for "Runner 2 - Red / 42":
   * shops name each variant after the product) or one that contains the name.
   */
  byName(name: string | undefined): Element | undefined {
    const wanted = normal(name);
    if (!wanted) return undefined;
    const candidates = this.nameElements();
    const rank = (text: string) => {
      if (text === wanted) return 0;
      if (text.length >= MIN_PARTIAL && wanted.startsWith(text)) return 1;
      if (wanted.length >= MIN_PARTIAL && text.includes(wanted)) return 2;
      return undefined;
    };
    let best: { element: Element; score: number } | undefined;
    for (const { element, text } of candidates) {
      const r = rank(text);
      if (r === undefined) continue;
      const score = r * 2 + (element.tagName === 'H1' ? 0 : 1);
      if (best && best.score <= score) continue;
      if (!usable(element)) continue;
      best = { element, score };
      if (score === 0) break;
    }
    return best?.element;
  }

  private mediaElements() {
    this.media ??= [...this.doc.querySelectorAll('img, video, iframe, source')];
    return this.media;
  }

  /** A visible image, player or frame whose source is one of `urls`. */
  bySource(urls: readonly string[]): Element | undefined {
    const wanted = new Set(urls.map((url) => comparable(url, this.doc.baseURI)).filter(Boolean));
    if (wanted.size === 0) return undefined;
    for (const element of this.mediaElements()) {
      const sources = [
        attrOf(element, 'src'),
        attrOf(element, 'data-src'),
        attrOf(element, 'poster'),
        ...(attrOf(element, 'srcset')?.split(',') ?? []).map((part) => part.trim().split(/\s+/)[0]),
      ];
      if (!sources.some((source) => wanted.has(comparable(source, this.doc.baseURI)))) continue;
      const shown = element.tagName === 'SOURCE' ? element.parentElement : element;
      if (shown && usable(shown)) return shown;
    }
    return undefined;
  }

  /**
   * Where a page-level item goes when it shows neither name nor image: the first visible
   * top-level heading that is not a breadcrumb, else the main content, else the body.
   */
  page(): Element {
    if (this.fallback === undefined) {
      const heading = [...this.doc.querySelectorAll('h1')].find(usable);
      const main = this.doc.querySelector('main, [role="main"]');
      this.fallback = heading ?? (main && isShown(main) ? main : null);
    }
    return this.fallback ?? this.doc.body ?? this.doc.documentElement;
  }
}

/** A URL compared by host and path: the same image at another size or query is the same. */
function comparable(value: string | undefined, base?: string): string {
  const url = value ? httpUrl(value, base ?? 'http://invalid/') : undefined;
  return url ? `${url.host}${url.pathname}` : '';
}

/** The URLs of an item's images, players and thumbnails (strings or ImageObjects). */
export function mediaUrls(node: SchemaNode): string[] {
  const urls: string[] = [];
  for (const property of ['image', 'thumbnailUrl', 'thumbnail', 'contentUrl', 'embedUrl']) {
    const raw = node[property];
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      const url =
        typeof value === 'string'
          ? value
          : isNode(value)
            ? (textProp(value, 'contentUrl') ?? textProp(value, 'url'))
            : undefined;
      if (url) urls.push(url);
    }
  }
  return urls;
}

/** Where a structured-data item is shown: its name, then its image or player. */
export function placeOf(node: SchemaNode, places: PagePlaces, player = false): Element | undefined {
  const name = () => places.byName(textProp(node, 'name') ?? textProp(node, 'headline'));
  const media = () => places.bySource(mediaUrls(node));
  // A video is where its player is; its title may well be the product's.
  return player ? (media() ?? name()) : (name() ?? media());
}

/** Properties of a microdata item that show it, best first. */
const SHOWING_PROPS = ['name', 'image', 'price', 'offers'];

/**
 * Where a microdata item is shown: its own element when that is visible and the size of an
 * item (a card, a product section); else its visible name, image or price inside it; else
 * where the page shows its name or image elsewhere.
 */
export function placeOfScope(
  scope: Element,
  node: SchemaNode,
  places: PagePlaces,
): Element | undefined {
  if (isShown(scope) && !isPageWrapper(scope)) return scope;
  for (const property of SHOWING_PROPS) {
    for (const element of scope.querySelectorAll(`[itemprop~="${property}"]`)) {
      // Its own property, or one of its offer's (the price sits in a nested Offer).
      const owner = element.parentElement?.closest('[itemscope]');
      const own = owner === scope || owner?.parentElement?.closest('[itemscope]') === scope;
      if (own && usable(element) && !isPageWrapper(element)) return element;
    }
  }
  return placeOf(node, places);
}
