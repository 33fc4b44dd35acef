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
 *
 * What the view knows about each element, and what it does when something happens to one,
 * is a pure reducer (lib/page/overlay/page-view-machine.ts); each item's overlay likewise
 * (lib/page/overlay/item-mount-machine.ts). This file performs their effects.
 */
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { isFromOwnBackground, isTabCommand } from '@/lib/messaging/tab-commands';
import { createAnchorLayer } from '@/lib/page/overlay/anchor';
import { createCardRefresh } from '@/lib/page/overlay/card-refresh';
import { createChangeFilter } from '@/lib/page/overlay/change-filter';
import { afterNextFrame, yieldToPage } from '@/lib/page/overlay/chunked-queue';
import { createEvaluationQueue, type EvaluatedFinding } from '@/lib/page/overlay/evaluation-queue';
import { createEvidenceMarks } from '@/lib/page/overlay/evidence-marks';
import { createOverlayRoot } from '@/lib/page/overlay/overlay-root';
import {
  type ElementEffect,
  type ElementEvent,
  type ElementState,
  placeItem,
  stepElement,
} from '@/lib/page/overlay/page-view-machine';
import { createRiskQueue } from '@/lib/page/overlay/risk-queue';
import {
  type LeafControl,
  type ScanBatch,
  watchForChanges,
} from '@/lib/page/overlay/scan-scheduler';
import { watchViewport } from '@/lib/page/overlay/viewport-watch';
import { adapterFor } from '@/lib/page/sites/registry';
import type { ContentItem, RepeatedItems, SiteAdapter } from '@/lib/page/sites/types';
import { itemKey } from '@/lib/shared/protocol/vocabulary';
import { focusedMount, nearestToCentre, stepFrom } from './card-focus';
import {
  flushWrites,
  type ItemMount,
  mountItem,
  openCard,
  readItem,
  setNear,
  writesOwedMs,
} from './item-mount';
import { createKeyHandoff } from './key-handoff';
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

/** The event every card of a feed starts with: one object for them all. */
const FOUND: ElementEvent<ItemMount> = Object.freeze({ type: 'found' });

export function startPageView(doc: Document, options: PageViewOptions, signal: AbortSignal) {
  const root = createOverlayRoot(doc, options.overlayRoot);
  /** Every item's overlay by item key: an item is drawn once per page. */
  const mounts = new Map<string, ItemMount>();
  /**
   * Every element met so far, in its state (lib/page/overlay/page-view-machine.ts): found
   * (a card watched until it first comes near), holding (its items' mounts; a page read in
   * full may anchor several to one element) or empty (it holds no item).
   */
  const elements = new Map<Element, ElementState<ItemMount>>();
  let adapter: SiteAdapter | undefined;
  /** Whether the overlay's host belongs in the document: from the first item mounted. */
  let hostWanted = false;

  const anchors = createAnchorLayer(doc, signal);
  /**
   * The answers' writes a chunk of reports or answers left are made within its budget, and
   * the next chunk waits for the frame that lays them out: its reads (evidence measured) then
   * force no layout of their own.
   */
  const chunks = { settle: flushWrites, owed: writesOwedMs, yieldAfterWrites: afterNextFrame };
  /** Keys pressed after j/k or the open command, held until the selected card has focus. */
  const handoff = createKeyHandoff<ItemMount>(root.shadow, signal);
  const services: PageServices = {
    root: root.shadow,
    anchors,
    marks: createEvidenceMarks(root.shadow, anchors, signal),
    viewport: watchViewport(
      (element, near) => dispatch(element, { type: near ? 'near' : 'far' }),
      signal,
      chunks,
    ),
    evaluations: createEvaluationQueue(
      async (items) => (await send('items.evaluate', { items })).results,
      options.cache,
      signal,
      chunks,
    ),
    risks: createRiskQueue(
      async (creators) => (await send('creators.risk', { creators })).risks,
      signal,
      chunks,
    ),
    cards: createCardRefresh(),
  };

  // A creator history the chips wait for arrived: ask again, and the chips redraw. An
  // escalation's receipt or decision arrived: the open cards read their item again.
  const onRiskChanged = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (!isFromOwnBackground(sender, browser.runtime.id)) return undefined;
    if (isTabCommand(message) && message.command === 'risk-changed') services.risks.refresh();
    services.cards.receive(message, sender, browser.runtime.id);
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

  /** Takes one step of the element's state and performs its effects. */
  const dispatch = (element: Element, event: ElementEvent<ItemMount>) => {
    const before = elements.get(element);
    const { state, effects } = stepElement(before, event);
    if (!state) elements.delete(element);
    else if (state !== before) elements.set(element, state);
    for (let i = 0; i < effects.length; i++)
      perform(element, effects[i] as ElementEffect<ItemMount>);
  };

  const perform = (element: Element, effect: ElementEffect<ItemMount>) => {
    switch (effect.do) {
      case 'watch':
        // Watching it (again) brings a fresh report of where it is.
        services.viewport.observe(element);
        return;
      case 'unwatch':
        services.viewport.unobserve(element);
        return;
      case 'read':
        arrived(element);
        return;
      case 'identify':
        identify(element);
        return;
      case 'near':
      case 'far':
        for (const mount of effect.mounts) nearChanged(mount, effect.do === 'near');
        return;
      case 'release':
        for (const mount of effect.mounts) release(mount);
        return;
    }
  };

  const release = (mount: ItemMount) => {
    handoff.release(mount);
    mount.release();
    if (mounts.get(mount.key) === mount) mounts.delete(mount.key);
    dispatch(mount.element, { type: 'unmounted', mount });
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
    const where = placeItem(
      existing && { element: existing.element, connected: existing.element.isConnected },
      element,
    );
    if (where === 'same') return existing;
    if (where === 'taken') return undefined;
    if (existing) release(existing);
    // Nothing is added to the page's document until there is an item to mark.
    if (!hostWanted) {
      hostWanted = true;
      root.attach();
    }
    const mount = mountItem(key, itemId, element, read, options.policies, services);
    mount.onStep = (direction) => focusCard(stepFrom(mounts.values(), mount, direction));
    mount.takeKey = () => handoff.take(mount);
    mounts.set(key, mount);
    dispatch(element, { type: 'mounted', mount });
    return mount;
  };

  /**
   * Reads a mount's item when it is first needed. The element may hold another item by now
   * (a recycled card): the item is then filed under its own key; or none: it is dropped.
   */
  const ready = (mount: ItemMount): ItemMount | undefined => {
    const outcome = readItem(mount, services);
    if (outcome.ok) return mount;
    release(mount);
    if (!outcome.moved) {
      if (!elements.has(mount.element)) dispatch(mount.element, { type: 'no-item' });
      return undefined;
    }
    const { key, item } = outcome.moved;
    const moved = place(key, item.itemId, mount.element, () => item);
    return moved && readItem(moved, services).ok ? moved : undefined;
  };

  const nearChanged = (mount: ItemMount, near: boolean) => {
    if (!near) {
      setNear(mount, false, services);
      return;
    }
    const current = ready(mount);
    if (current && !setNear(current, true, services)) release(current);
  };

  /**
   * Names a repeated item's element again by a cheap look at its id (it was found again:
   * its content changed, a recycled card) and files it: its mount, or no item.
   */
  const identify = (element: Element) => {
    const repeated = adapter?.repeated;
    if (!repeated) return;
    const id = safely(() => repeated.identify(element, pageUrl()), undefined);
    if (!id) {
      dispatch(element, { type: 'no-item' });
      return;
    }
    const key = itemKey(id);
    const known = elements.get(element);
    const held = known?.name === 'holding' ? [...known.mounts] : [];
    if (held.some((mount) => mount.key === key)) return;
    for (const mount of held) release(mount);
    place(key, id.itemId, element, () =>
      safely(() => repeated.read(element, pageUrl(), doc), undefined),
    );
  };

  /**
   * Finds repeated items (cards, rows). One not seen before is only watched until it comes
   * near; one already named is named again, since its content changed (a recycled card).
   */
  const track = (found: Iterable<Element>) => {
    for (const element of found) dispatch(element, FOUND);
  };

  /** A repeated item's element came near for the first time since it was found. */
  const arrived = (element: Element) => {
    const repeated = adapter?.repeated;
    if (!repeated || !element.isConnected) return;
    // It is read at once, so the read names it too: no separate look at its id first.
    const item = safely(() => repeated.read(element, pageUrl(), doc), undefined);
    if (!item) {
      dispatch(element, { type: 'no-item' });
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

  /** Lets go of every element no longer in the page, and of the overlays on them. */
  const sweep = () => {
    for (const element of [...elements.keys()])
      if (!element.isConnected) dispatch(element, { type: 'left' });
  };

  /** Mounts filed from full reads, released when a later full read no longer finds them. */
  let singles = new Set<ItemMount>();
  /** Whether the page has been read in full once (the view's first read). */
  let readInFull = false;

  const scan = (batch: ScanBatch) => {
    if (signal.aborted) return;
    // A page that rebuilds <html>'s children takes our host with it: put it back.
    if (hostWanted && !root.host.isConnected) root.attach();
    if (batch.kind === 'sweep' || (batch.kind === 'added' && batch.removed)) sweep();
    if (batch.kind === 'sweep') return;
    findItems(batch, pageUrl(), adapter?.repeated);
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
      track(safely<Iterable<Element>>(() => elementsAt(batch.roots, repeated.selector), []));
    } else if (batch.kind === 'added' && !addedMayChange(batch.roots)) {
      // Nothing added can change what the page's adapter reads: no full re-read.
    } else {
      readInFull = true;
      adapter = safely(
        () => adapterFor(location, doc, options.extraAdapters, options.platform),
        undefined,
      );
      const found = new Set<ItemMount>();
      if (adapter?.repeated) {
        const { selector } = adapter.repeated;
        track(safely<Iterable<Element>>(() => doc.querySelectorAll(selector), []));
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
      elements.clear();
      root.remove();
    },
    { once: true },
  );
  // Keyboard triage: the browser command opens the focused item's card, or the one in view.
  const focusCard = (target: ItemMount | undefined) => {
    const mount = target && ready(target);
    if (!mount) return false;
    mount.element.scrollIntoView({ block: 'nearest' });
    // Its card takes focus once drawn and shown: the keys pressed until then are its.
    handoff.select(mount);
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
  /** What the change filter asks on each record: read, not built, on every call. */
  const interest = {
    get adapter() {
      return adapter;
    },
    get holding() {
      return elements.size > 0;
    },
  };
  // Changes that cannot concern this view (a ticking counter on a page with no items, text
  // outside a single-item page's structured data) are dropped in the observer's callback,
  // and a target that keeps ticking is no longer observed at all.
  let leaves: LeafControl | undefined;
  leaves = watchForChanges(
    doc.documentElement,
    scan,
    signal,
    createChangeFilter(
      () => interest,
      () => leaves,
    ),
  );
  // The first full read waits for the next task: setting the view up (the overlay root, the
  // observers) and reading a feed's first screenful of cards together took one task of 6 - 8 ms
  // (BENCHMARKS.md, issue 20, "no task over 8 ms"). A batch of changes scanned before it
  // reads the page in full itself (no adapter yet), and then this one is not needed.
  void yieldToPage().then(() => {
    if (!readInFull) scan({ kind: 'full' });
  });
  return { count: () => mounts.size };
}
