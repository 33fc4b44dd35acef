/**
 * One page view: from the moment the content script starts (or the URL changes, or the site
 * is switched back on) until the next such moment. Everything it sets up (the overlay root,
 * observers, listeners, timers, highlights) is tied to one AbortSignal, so ending the view
 * removes every overlay and stops all work at once.
 */
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { createAnchorLayer } from '@/lib/overlay/anchor';
import { createEvaluationQueue, type EvaluatedFinding } from '@/lib/overlay/evaluation-queue';
import { createEvidenceHighlights } from '@/lib/overlay/highlights';
import { createOverlayRoot } from '@/lib/overlay/overlay-root';
import { createRiskQueue } from '@/lib/overlay/risk-queue';
import { type ScanKind, watchForChanges } from '@/lib/overlay/scan-scheduler';
import { watchViewport } from '@/lib/overlay/viewport-watch';
import { itemKey } from '@/lib/protocol/vocabulary';
import { toItemRef } from '@/lib/sites/item-ref';
import { adapterFor } from '@/lib/sites/registry';
import type { ContentItem, SiteAdapter } from '@/lib/sites/types';
import { focusedMount, nearestToCentre, stepFrom } from './card-focus';
import { type ItemMount, mountItem, openCard, setNear } from './item-mount';
import type { PageServices } from './page-services';
import { listenForTriageCommands } from './triage-listener';

export interface PageViewOptions {
  policies: PolicyChoice[];
  /** Findings by input, kept across page views (see evaluation-queue.ts). */
  cache: Map<string, EvaluatedFinding[]>;
  /** The organisation's declarative adapters, tried after the built-in ones. */
  extraAdapters: readonly SiteAdapter[];
}

/** The page's items as its adapter reads them; an adapter that throws reads nothing. */
function readItems(doc: Document, extra: readonly SiteAdapter[]): ContentItem[] {
  try {
    const location = new URL(doc.location.href);
    return adapterFor(location, doc, extra)?.findItems(doc, location) ?? [];
  } catch {
    return [];
  }
}

export function startPageView(doc: Document, options: PageViewOptions, signal: AbortSignal) {
  const root = createOverlayRoot(doc);
  const mounts = new Map<string, ItemMount>();
  const byElement = new Map<Element, ItemMount>();
  const services: PageServices = {
    root: root.shadow,
    anchors: createAnchorLayer(doc, signal),
    highlights: createEvidenceHighlights(doc, signal),
    viewport: watchViewport((element, near) => {
      const mount = byElement.get(element);
      if (mount) setNear(mount, near, services);
    }, signal),
    evaluations: createEvaluationQueue(
      async (items) => (await send('items.evaluate', { items })).results,
      options.cache,
      signal,
    ),
    risks: createRiskQueue(
      async (creators) => (await send('creators.risk', { creators })).risks,
      signal,
    ),
  };

  const release = (mount: ItemMount) => {
    mount.release();
    mounts.delete(mount.key);
    if (byElement.get(mount.item.element) === mount) byElement.delete(mount.item.element);
  };

  const scan = (kind: ScanKind) => {
    if (signal.aborted) return;
    // A page that rebuilds <html>'s children takes our host with it: put it back.
    if (!root.host.isConnected) doc.documentElement.append(root.host);
    if (kind === 'sweep') {
      for (const mount of [...mounts.values()]) if (!mount.item.element.isConnected) release(mount);
      return;
    }
    const seen = new Set<string>();
    for (const item of readItems(doc, options.extraAdapters)) {
      const key = itemKey(item);
      if (seen.has(key)) continue;
      seen.add(key);
      const existing = mounts.get(key);
      if (existing?.item.element === item.element) continue;
      if (existing) release(existing);
      const ref = toItemRef(item);
      if (!ref) continue;
      const mount = mountItem(key, item, ref, options.policies, services);
      mount.onStep = (direction) => focusCard(stepFrom(mounts.values(), mount, direction));
      mounts.set(key, mount);
      byElement.set(item.element, mount);
    }
    for (const mount of [...mounts.values()]) if (!seen.has(mount.key)) release(mount);
    services.anchors.schedule();
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const mount of [...mounts.values()]) release(mount);
      root.remove();
    },
    { once: true },
  );
  // Keyboard triage: the browser command opens the focused item's card, or the one in view.
  const focusCard = (mount: ItemMount | undefined) => {
    if (!mount) return false;
    mount.item.element.scrollIntoView({ block: 'nearest' });
    openCard(mount, services);
    return true;
  };
  listenForTriageCommands(
    () =>
      focusCard(
        focusedMount(root.shadow, mounts.values()) ??
          nearestToCentre(mounts.values(), doc.defaultView ?? window),
      ),
    signal,
  );
  watchForChanges(doc.documentElement, scan, signal);
  scan('full');
  return { count: () => mounts.size };
}
