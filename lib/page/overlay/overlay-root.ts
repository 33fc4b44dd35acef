/**
 * One shadow-root host per page for all of Flagpost's overlays. It is absolutely positioned
 * at the document's origin with no size, outside <body>'s flow, so adding it shifts nothing
 * on the page; overlays inside are positioned in document coordinates.
 */
import { OVERLAY_CSS } from '@/components/overlay/styles';
import { RISK_CHIP_CSS } from '@/components/risk/risk-chip';

export const HOST_TAG = 'flagpost-overlay';

/**
 * Placement rules of the root's own: the box whose card is open is drawn above every other
 * box, so a badge stacked below (lib/page/overlay/badge-stacking.ts) never paints over the
 * card, nor takes a click meant for it.
 */
const PLACEMENT_CSS = '.box:has(> .overlay > .card) { z-index: 1; }';

export interface OverlayRoot {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** Adds the host to the document (again, if the page took it away): on the first item. */
  attach(): void;
  remove(): void;
}

export function createOverlayRoot(doc: Document, mode: ShadowRootMode = 'closed'): OverlayRoot {
  doc.querySelector(HOST_TAG)?.remove(); // a stale root from a previous injection
  const host = doc.createElement(HOST_TAG);
  host.style.cssText =
    'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; ' +
    'width: 0 !important; height: 0 !important; overflow: visible !important; ' +
    'z-index: 2147483646 !important; display: block !important; contain: layout style !important; ' +
    // The popover's own defaults (a centred, bordered box), undone: see showOnTop.
    'margin: 0 !important; border: 0 !important; padding: 0 !important; background: transparent !important; ' +
    'inset: 0 auto auto 0 !important;';
  // Closed: page scripts cannot read the findings, flags and notes drawn here (assistive
  // technology reaches closed roots all the same). Open only when automation asked for it
  // (lib/shared/settings/local-keys.ts), since Playwright queries open shadow roots only.
  const shadow = host.attachShadow({ mode });
  const style = doc.createElement('style');
  style.textContent = OVERLAY_CSS + RISK_CHIP_CSS + PLACEMENT_CSS;
  shadow.append(style);
  // The host joins the document only when there is something to draw (`attach`): a page
  // with nothing to mark gets nothing added to its DOM at all.
  const attach = () => {
    if (host.isConnected) return;
    doc.documentElement.append(host);
    showOnTop(host);
  };
  const guard = guardTopLayer(host, shadow);
  return {
    host,
    shadow,
    attach,
    remove: () => {
      guard.abort();
      host.remove();
    },
  };
}

/** What the page can put in the top layer: popovers, modal dialogs, fullscreen elements. */
const TOP_LAYER = ':popover-open, :modal, :fullscreen';
/** At most this many raises a second: a page that fights over the top spot cannot spin us. */
const RAISES_PER_SECOND = 10;

/** The page's own elements in the top layer now (its light DOM; see the README's limits). */
function foreignTopLayer(host: HTMLElement): Element[] {
  try {
    return [...host.ownerDocument.querySelectorAll(TOP_LAYER)].filter(
      (element) => element !== host,
    );
  } catch {
    return []; // a browser without these selectors has no top layer to share
  }
}

/**
 * The top layer is ordered by arrival: a popover, modal dialog or fullscreen element the
 * page opens after ours is drawn above it, and with `pointer-events: none` it paints over
 * a badge while clicks pass through. So the host is put back on top (closed and shown
 * again, focus kept where it was) whenever the page opens one, and a click in the overlay
 * made while a page element that arrived after our last raise is in the top layer is not
 * acted on: the host is raised instead, and the reviewer clicks again on what they see.
 */
function guardTopLayer(host: HTMLElement, shadow: ShadowRoot): AbortController {
  const guard = new AbortController();
  const { signal } = guard;
  const view = host.ownerDocument.defaultView;
  /** The page's top-layer elements that were open at our last raise (or show): below us. */
  let beneath = new WeakSet<Element>(foreignTopLayer(host));
  let recent: number[] = [];
  let queued = false;

  const raise = () => {
    queued = false;
    if (signal.aborted || !host.isConnected || !('showPopover' in host)) return;
    const now = Date.now();
    recent = recent.filter((at) => now - at < 1_000);
    if (recent.length >= RAISES_PER_SECOND) return;
    recent.push(now);
    const focused = shadow.activeElement;
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      // Not shown: showing it below puts it on top all the same.
    }
    showOnTop(host);
    if (focused instanceof HTMLElement && shadow.activeElement !== focused)
      focused.focus({ preventScroll: true });
    beneath = new WeakSet(foreignTopLayer(host));
  };
  const soon = (event: Event) => {
    if (event.target === host || queued) return;
    const state = (event as ToggleEvent).newState;
    if (state !== undefined && state !== 'open') return;
    queued = true;
    // After the page's element has entered the top layer (`beforetoggle` comes just
    // before), and before the next frame is drawn.
    queueMicrotask(raise);
  };
  const options = { capture: true, signal };
  view?.addEventListener('beforetoggle', soon, options);
  view?.addEventListener('toggle', soon, options);
  host.ownerDocument.addEventListener('fullscreenchange', soon, options);
  // Listened to inside the closed root, before the overlay's own handlers.
  shadow.addEventListener(
    'click',
    (event) => {
      // Keys (Enter, Space on a focused control) cannot be aimed by what the page paints.
      if ((event as MouseEvent).detail === 0) return;
      if (!foreignTopLayer(host).some((element) => !beneath.has(element))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      raise();
    },
    options,
  );
  return guard;
}

/**
 * Puts the host in the browser's top layer (a manual popover), above anything the page can
 * stack with z-index: a page element laid over a badge with `pointer-events: none` would
 * otherwise paint over it while clicks pass through to it. Called again whenever the host
 * is put back; a page that closes the popover sees it reopen. Where popovers are missing,
 * the host keeps its z-index.
 */
export function showOnTop(host: HTMLElement): void {
  if (!('showPopover' in host) || !host.isConnected) return;
  if (!host.hasAttribute('popover')) {
    host.setAttribute('popover', 'manual');
    host.addEventListener('toggle', (event) => {
      if ((event as ToggleEvent).newState === 'closed') queueMicrotask(() => showOnTop(host));
    });
  }
  try {
    if (!host.matches(':popover-open')) host.showPopover();
  } catch {
    // Not connected or already shown by another path: nothing to do.
  }
}
