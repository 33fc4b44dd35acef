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
  doc.documentElement.append(host);
  showOnTop(host);
  return { host, shadow, remove: () => host.remove() };
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
