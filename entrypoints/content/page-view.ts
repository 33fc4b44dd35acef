/**
 * One page view: from the moment the content script starts (or the URL changes, or the site
 * is switched back on) until the next such moment. Everything it sets up (the overlay root,
 * observers, listeners, timers, evidence marks) is tied to one AbortSignal, so ending the view
 * removes every overlay and stops all work at once.
 *
 * What it costs on a feed that grows forever: each batch of added cards is found with one
 * selector inside the added subtrees and only watched (one IntersectionObserver
 * registration). A card is named, given its overlay box, read (text, creator, price),
 * checked and badged when it first comes near the viewport: on a feed of thousands, most
 * cards cost Flagpost nothing more than that registration (BENCHMARKS.md, "Overlays").
 */
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { isFromOwnBackground, isTabCommand } from '@/lib/messaging/tab-commands';
import { createAnchorLayer } from '@/lib/page/overlay/anchor';
import { createChangeFilter } from '@/lib/page/overlay/change-filter';
import { createEvaluationQueue, type EvaluatedFinding } from '@/lib/page/overlay/evaluation-queue';
import { createEvidenceMarks } from '@/lib/page/overlay/evidence-marks';
import { createOverlayRoot, showOnTop } from '@/lib/page/overlay/overlay-root';
import { createRiskQueue } from '@/lib/page/overlay/risk-queue';
import { type ScanBatch, watchForChanges } from '@/lib/page/overlay/scan-scheduler';
import { watchViewport } from '@/lib/page/overlay/viewport-watch';
import { adapterFor } from '@/lib/page/sites/registry';
import type { ContentItem, RepeatedItems, SiteAdapter } from '@/lib/page/sites/types';
import { itemKey } from '@/lib/shared/protocol/vocabulary';
import { focusedMount, nearestToCentre, stepFrom } from './card-focus';
import { type ItemMount, mountItem, openCard, readItem, setNear } from './item-mount';
import type { PageServices } from './page-services';
import { listenForTriageCommands } from './triage-listener';

export interface PageViewOptions {
  policies: PolicyChoice[];
  /** Findings by input, kept across page views (see evaluation-queue.ts). */
  cache: Map<string, EvaluatedFinding[]>;
  /** The organisation's declarative adapters, tried after the built-in ones. */
  extraAdapters: readonly SiteAdapter[];
  /** The overlay shadow root's mode: closed, unless automation asked (page.setup). */
  overlayRoot: ShadowRootMode;
  /** On one of the platform's own hosts (page.setup): only then its adapters are tried. */
  platform: boolean;
}

/** Runs an adapter's page reading; an adapter that throws reads nothing. */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/**
 * The elements matching `selector` at, inside or around (a card that changed) `roots`.
 * Repeated items do not nest (a card holds no cards), so a root that is or sits in an item
 * is not searched inside: a feed appending 200 cards costs 200 `closest` calls.
 */
function elementsAt(roots: readonly Element[], selector: string): Set<Element> {
  const found = new Set<Element>();
  for (const root of roots) {
    if (!root.isConnected) continue;
    const around = root.closest(selector);
    if (around) found.add(around);
    else for (const element of root.querySelectorAll(selector)) found.add(element);
  }
  return found;
}

export function startPageView(doc: Document, options: PageViewOptions, signal: AbortSignal) {
  const root = createOverlayRoot(doc, options.overlayRoot);
  const mounts = new Map<string, ItemMount>();
  /**
   * Every element found so far: its mounts, or null when it holds no item. A card holds
   * one item; a page read in full may anchor several to one element (JSON-LD items all
   * anchored to the page's main content, say).
   */
  const byElement = new Map<Element, Set<ItemMount> | null>();
  /**
   * The elements the viewport watch reports on: every repeated item's element from the
   * moment it is found (not yet named: it has no entry in `byElement`), and every element
   * that holds mounts.
   */
  const watched = new Set<Element>();
  let adapter: SiteAdapter | undefined;

  const anchors = createAnchorLayer(doc, signal);
  const services: PageServices = {
    root: root.shadow,
    anchors,
    marks: createEvidenceMarks(root.shadow, anchors, signal),
    viewport: watchViewport((element, near) => {
      const held = byElement.get(element);
      if (held) for (const mount of [...held]) nearChanged(mount, near);
      else if (held === undefined && near) arrived(element);
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

  // A creator history the chips wait for arrived: ask again, and the chips redraw.
  const onRiskChanged = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (!isFromOwnBackground(sender, browser.runtime.id)) return undefined;
    if (isTabCommand(message) && message.command === 'risk-changed') services.risks.refresh();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onRiskChanged);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onRiskChanged), {
    once: true,
  });

  /** The page's URL, parsed again only when it changed (hash changes, say). */
  let parsed = { href: '', url: new URL('about:blank') };
  const pageUrl = () => {
    const { href } = doc.location;
    if (parsed.href !== href) parsed = { href, url: new URL(href) };
    return parsed.url;
  };

  const watch = (element: Element) => {
    if (watched.has(element)) return;
    watched.add(element);
    services.viewport.observe(element);
  };
  /** Stops watching `element`; watching it again brings a fresh report of where it is. */
  const unwatch = (element: Element) => {
    if (watched.delete(element)) services.viewport.unobserve(element);
  };

  const release = (mount: ItemMount) => {
    mount.release();
    if (mounts.get(mount.key) === mount) mounts.delete(mount.key);
    const held = byElement.get(mount.element);
    if (!held?.delete(mount) || held.size > 0) return;
    byElement.delete(mount.element);
    unwatch(mount.element);
  };

  /** Releases every mount on `element` (it holds another item now, or none). */
  const releaseAll = (element: Element) => {
    for (const mount of [...(byElement.get(element) ?? [])]) release(mount);
  };

  /**
   * Files `element` under `key` unless another element already holds that item (the same
   * video recommended twice: the first card wins). `read` reads the item when it is needed.
   */
  const place = (
    key: string,
    itemId: string,
    element: Element,
    read: () => ContentItem | undefined,
  ): ItemMount | undefined => {
    const existing = mounts.get(key);
    if (existing?.element === element) return existing;
    if (existing?.element.isConnected) return undefined;
    if (existing) release(existing);
    const mount = mountItem(key, itemId, element, read, options.policies, services);
    mount.onStep = (direction) => focusCard(stepFrom(mounts.values(), mount, direction));
    mounts.set(key, mount);
    const held = byElement.get(element);
    if (held) held.add(mount);
    else {
      byElement.set(element, new Set([mount]));
      watch(element);
    }
    return mount;
  };

  /**
   * Reads a mount's item when it is first needed. The element may hold another item by now
   * (a recycled card): the item is then filed under its own key; or none: it is dropped.
   */
  const ready = (mount: ItemMount): ItemMount | undefined => {
    const outcome = readItem(mount);
    if (outcome.ok) return mount;
    release(mount);
    if (!outcome.moved) {
      if (!byElement.has(mount.element)) byElement.set(mount.element, null);
      return undefined;
    }
    const { key, item } = outcome.moved;
    const moved = place(key, item.itemId, mount.element, () => item);
    return moved && readItem(moved).ok ? moved : undefined;
  };

  const nearChanged = (mount: ItemMount, near: boolean) => {
    if (!near) {
      setNear(mount, false, services);
      return;
    }
    const current = ready(mount);
    if (current && !setNear(current, true, services)) release(current);
  };

  /** Remembers that `element` holds no item, and stops watching it. */
  const fileAsNoItem = (element: Element) => {
    byElement.set(element, null);
    unwatch(element);
  };

  /**
   * Names a repeated item's element by a cheap look at its id and files it: its mount, or
   * null when it holds no item (it is then no longer watched). Undefined when the item is
   * already on another element of the page (the same video recommended twice).
   */
  const identify = (
    repeated: RepeatedItems,
    element: Element,
    location: URL,
  ): ItemMount | undefined => {
    const known = byElement.get(element);
    const id = safely(() => repeated.identify(element, location), undefined);
    if (!id) {
      if (known) releaseAll(element);
      fileAsNoItem(element);
      return undefined;
    }
    const key = itemKey(id);
    const same = known && [...known].find((mount) => mount.key === key);
    if (same) return same;
    if (known) releaseAll(element);
    return place(key, id.itemId, element, () =>
      safely(() => repeated.read(element, location, doc), undefined),
    );
  };

  /**
   * Finds repeated items (cards, rows). One not seen before is only watched until it comes
   * near; one already named is named again, since its content changed (a recycled card).
   */
  const track = (repeated: RepeatedItems, elements: Iterable<Element>, location: URL) => {
    for (const element of elements) {
      if (byElement.has(element)) identify(repeated, element, location);
      else watch(element);
    }
  };

  /** A repeated item's element came near for the first time since it was found. */
  const arrived = (element: Element) => {
    const repeated = adapter?.repeated;
    if (!repeated || !element.isConnected) return;
    // It is read at once, so the read names it too: no separate look at its id first.
    const item = safely(() => repeated.read(element, pageUrl(), doc), undefined);
    if (!item) {
      fileAsNoItem(element);
      return;
    }
    const mount = place(itemKey(item), item.itemId, element, () => item);
    if (mount) nearChanged(mount, true);
  };

  /** Items read in full (single-item pages, a profile's header): each pass reads them all. */
  const trackRead = (items: readonly ContentItem[], singles: Set<ItemMount>) => {
    for (const item of items) {
      const mount = place(itemKey(item), item.itemId, item.element, () => item);
      if (mount) singles.add(mount);
    }
  };

  const sweep = () => {
    for (const mount of [...mounts.values()]) if (!mount.element.isConnected) release(mount);
    for (const [element, mount] of byElement)
      if (mount === null && !element.isConnected) byElement.delete(element);
    for (const element of watched) if (!element.isConnected) unwatch(element);
  };

  /** Mounts filed from full reads, released when a later full read no longer finds them. */
  let singles = new Set<ItemMount>();

  const scan = (batch: ScanBatch) => {
    if (signal.aborted) return;
    // A page that rebuilds <html>'s children takes our host with it: put it back.
    if (!root.host.isConnected) {
      doc.documentElement.append(root.host);
      showOnTop(root.host);
    }
    if (batch.kind === 'sweep' || (batch.kind === 'added' && batch.removed)) sweep();
    if (batch.kind === 'sweep') return;
    const location = pageUrl();
    const repeated = adapter?.repeated;
    findItems(batch, location, repeated);
    services.anchors.schedule();
  };

  /** Whether added subtrees can change a page read in full (true without an adapter's say). */
  const addedMayChange = (roots: readonly Element[]) => {
    const mayChange = adapter?.mayChange;
    if (!adapter || adapter.repeated || !mayChange) return true;
    return roots.some((added) => safely(() => mayChange(added), true));
  };

  /** Finds (and names) the batch's items: in what was added, or on the whole page. */
  const findItems = (batch: ScanBatch, location: URL, repeated: RepeatedItems | undefined) => {
    if (batch.kind === 'added' && repeated) {
      // Only what was added: a feed appending 200 cards costs 200 cards, not the feed.
      track(
        repeated,
        safely<Iterable<Element>>(() => elementsAt(batch.roots, repeated.selector), []),
        location,
      );
    } else if (batch.kind === 'added' && !addedMayChange(batch.roots)) {
      // Nothing added can change what the page's adapter reads: no full re-read.
    } else {
      adapter = safely(
        () => adapterFor(location, doc, options.extraAdapters, options.platform),
        undefined,
      );
      const found = new Set<ItemMount>();
      if (adapter?.repeated) {
        const { selector } = adapter.repeated;
        track(
          adapter.repeated,
          safely<Iterable<Element>>(() => doc.querySelectorAll(selector), []),
          location,
        );
        const single = adapter.singleItems;
        if (single)
          trackRead(
            safely(() => single(doc, location), []),
            found,
          );
      } else if (adapter) {
        const { findItems } = adapter;
        trackRead(
          safely(() => findItems(doc, location), []),
          found,
        );
      }
      for (const mount of singles) if (!found.has(mount)) release(mount);
      singles = found;
    }
  };

  signal.addEventListener(
    'abort',
    () => {
      for (const mount of [...mounts.values()]) release(mount);
      byElement.clear();
      watched.clear();
      root.remove();
    },
    { once: true },
  );
  // Keyboard triage: the browser command opens the focused item's card, or the one in view.
  const focusCard = (target: ItemMount | undefined) => {
    const mount = target && ready(target);
    if (!mount) return false;
    mount.element.scrollIntoView({ block: 'nearest' });
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
  // Changes that cannot concern this view (a ticking counter on a page with no items, text
  // outside a single-item page's structured data) are dropped in the observer's callback.
  watchForChanges(
    doc.documentElement,
    scan,
    signal,
    createChangeFilter(() => ({ adapter, holding: watched.size > 0 || byElement.size > 0 })),
  );
  scan({ kind: 'full' });
  return { count: () => mounts.size };
}
