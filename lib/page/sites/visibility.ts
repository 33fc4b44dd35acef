/**
 * Whether an element is one the reviewer can see, for choosing where an item's badge goes.
 * Shops keep copies of their product's name in hidden menus, collapsed sticky bars and
 * templates; the badge must go where the product is shown. In a browser the layout decides
 * (checkVisibility, a size, a place inside the document); in a document without layout (unit
 * tests in Node) only the markup can: `hidden`, `aria-hidden`, an inline `display: none`.
 */

const HIDDEN_BY_MARKUP =
  '[hidden], [aria-hidden="true"], template, noscript, [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"], [style*="visibility: hidden"]';

/** Elements that show something without text. */
const RENDERED =
  'img, video, iframe, svg, canvas, picture, input, button, select, textarea, object, embed';

type Checkable = Element & {
  checkVisibility?: (options?: { checkOpacity?: boolean; checkVisibilityCSS?: boolean }) => boolean;
};

/** True when the document has a layout to ask (a browser, not a parsed test page). */
export const hasLayout = (element: Element): boolean =>
  typeof (element as Checkable).checkVisibility === 'function';

export function isShown(element: Element): boolean {
  if (element.closest(HIDDEN_BY_MARKUP)) return false;
  const checkable = element as Checkable;
  // Without layout, an element with nothing to render (a div of meta tags) has no size.
  if (!checkable.checkVisibility)
    return (
      (element.textContent ?? '').trim() !== '' ||
      element.matches(RENDERED) ||
      element.querySelector(RENDERED) !== null
    );
  if (!checkable.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  const rect = element.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return false;
  // A bar moved out of the page (translated above or left of it) is not seen either.
  const view = element.ownerDocument.defaultView;
  return rect.bottom + (view?.scrollY ?? 0) > 0 && rect.right + (view?.scrollX ?? 0) > 0;
}

/**
 * A container too big to mark as one item: the page itself, or an element taller than
 * one and a half screens (a wrapper around the whole page), whose corner is the page's.
 */
export function isPageWrapper(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag === 'html' || tag === 'body' || tag === 'main') return true;
  if (!hasLayout(element)) return element.querySelector('header, footer, nav') !== null;
  const view = element.ownerDocument.defaultView;
  const screen = view?.innerHeight ?? 0;
  return screen > 0 && element.getBoundingClientRect().height > screen * 1.5;
}
