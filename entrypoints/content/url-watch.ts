/**
 * Tells the content script when the page's URL really changed (a single-page app's
 * navigation), judged by reading `location` itself: nothing the page dispatches decides it.
 * A page can fire any event it likes (`popstate`, `navigate`, WXT's `wxt:locationchange`)
 * without changing its URL; those are untrusted, and even a trusted one only makes us look.
 *
 * The hash is left out: a change of fragment is the same page, and rebuilding the overlays
 * for it would lose what the reviewer had open.
 */

/** The part of a URL that names the page. */
export const pageKey = (href: string) => href.replace(/#.*$/s, '');

/** Fallback check for browsers without the Navigation API, and for changes it misses. */
const POLL_MS = 1_000;

interface NavigationLike {
  addEventListener(type: string, listener: (event: Event) => void, options?: object): void;
}

export function watchUrl(
  win: Window,
  onChange: (href: string) => void,
  signal: AbortSignal,
): { check(): void } {
  let last = pageKey(win.location.href);
  const check = () => {
    if (signal.aborted) return;
    const now = pageKey(win.location.href);
    if (now === last) return;
    last = now;
    onChange(win.location.href);
  };
  // `navigate` fires inside the page's pushState, before the URL changes: look in a later
  // task. Untrusted copies (page-made events) are ignored outright.
  const later = (event: Event) => {
    if (event.isTrusted) setTimeout(check, 0);
  };
  const navigation = (win as unknown as { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener('navigate', later, { signal });
  navigation?.addEventListener('navigatesuccess', later, { signal });
  win.addEventListener('popstate', later, { signal });
  const timer = setInterval(check, POLL_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  return { check };
}
