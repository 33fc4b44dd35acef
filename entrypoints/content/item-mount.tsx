/**
 * One item's overlay box in the shadow root, and everything that hangs off it: its place
 * over the item, its findings, its evidence marks. A mount is released (box removed,
 * Preact unmounted, marks cleared) when its item leaves the page or the page view ends.
 * The item itself is read when it first comes near the viewport (see `readItem`): on a
 * feed of thousands, most cards are never read at all.
 */
import { render } from 'preact';
import { I18nContext } from '@/components/i18n-context';
import type { FindingsState } from '@/components/overlay/finding-list';
import { drawStaticOverlay } from '@/components/overlay/static-overlay';
import type { TriageKey } from '@/components/overlay/triage-keys';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { FlagView, PolicyChoice } from '@/lib/messaging/message-map';
import { evidenceSpans } from '@/lib/page/overlay/evidence-ranges';
import {
  INITIAL_ITEM_MOUNT,
  type ItemMountEffect,
  type ItemMountEvent,
  type ItemMountState,
  isLive,
  stepItemMount,
} from '@/lib/page/overlay/item-mount-machine';
import { fieldTexts, policyInputOf } from '@/lib/page/overlay/policy-input';
import type { CreatorRisk } from '@/lib/page/overlay/risk-queue';
import { toCreator, toItemRef } from '@/lib/page/sites/item-ref';
import type { ContentItem } from '@/lib/page/sites/types';
import type { Creator, ItemRef } from '@/lib/shared/protocol/records';
import { itemKey } from '@/lib/shared/protocol/vocabulary';
import { ItemController } from './item-controller';
import type { PageServices } from './page-services';
import { prepareSnapshot } from './snapshot-area';

export interface ItemMount {
  key: string;
  /** The element the item is drawn in: the box follows it. */
  element: Element;
  /** Undefined until the item is read (it came near, or its card was opened). */
  item: ContentItem | undefined;
  ref: ItemRef | undefined;
  /** Reads the item, once; see `readItem`. */
  read: () => ContentItem | undefined;
  box: HTMLElement;
  /** Where the mount is (unread, read, checking, shown, released): item-mount-machine.ts. */
  state: ItemMountState;
  findings: FindingsState;
  /** What the reviewer recorded on the item, as of the last check (card opens reload it). */
  flags: FlagView[] | undefined;
  /** The creator's risk when this item shows the creator's chip (one item per creator). */
  risk: CreatorRisk | undefined;
  /** Stops watching the creator's risk (set once the item asked about it). */
  stopRisk: (() => void) | undefined;
  /** j/k from this item's card: set by the page view, which knows the order of items. */
  onStep?: (direction: 1 | -1) => boolean;
  /** The next key held for this item's card since j/k selected it (key-handoff.ts). */
  takeKey?: () => TriageKey | undefined;
  draw(): void;
  release(): void;
}

/** The empty, hidden box every mount starts from (cloning is cheaper than building). */
const boxTemplates = new WeakMap<Document, HTMLElement>();
function newBox(doc: Document): HTMLElement {
  let template = boxTemplates.get(doc);
  if (!template) {
    template = doc.createElement('div');
    template.className = 'box';
    template.hidden = true;
    boxTemplates.set(doc, template);
  }
  return template.cloneNode(false) as HTMLElement;
}

/**
 * Mounts an item (a repeated item's when it first comes near, an item read in full at
 * once) with an empty, hidden box that joins the shadow root when it is first drawn; the
 * rest (rendering the badge, placing it) waits until the item is near. `itemId` names the
 * box; `read` reads the item when it is needed.
 */
export function mountItem(
  key: string,
  itemId: string,
  element: Element,
  read: () => ContentItem | undefined,
  policies: PolicyChoice[],
  services: PageServices,
): ItemMount {
  const box = newBox(services.root.ownerDocument);
  box.setAttribute('data-item-box', itemId);
  let creator: { value: Creator | undefined } | undefined;

  const mount: ItemMount = {
    key,
    element,
    item: undefined,
    ref: undefined,
    read,
    box,
    state: INITIAL_ITEM_MOUNT,
    findings: { status: 'pending' },
    flags: undefined,
    risk: undefined,
    stopRisk: undefined,
    draw() {
      const { item, ref, risk, state } = mount;
      // An answer (findings, flags, risk) that arrives after the item left the page must not
      // bring its box back: on a feed that virtualises, such boxes piled up by the hundred.
      if (!item || !ref || !isLive(state)) return;
      // The box joins the shadow root when it first has something to show: a box appended
      // empty, when its item came near, would cost the page a rendering update of its own.
      if (!box.isConnected) services.root.append(box);
      // Drawn by Preact (the full overlay) from the first time the card opens; until then
      // the closed overlay is drawn statically (components/overlay/static-overlay.ts).
      if (state.card === 'closed') {
        drawStaticOverlay(
          box,
          { itemId: ref.itemId, findings: mount.findings, flags: mount.flags ?? [], risk },
          t,
          {
            open: () => dispatch(mount, { type: 'expand' }, services),
            openCreator: () => {
              if (risk)
                void send('creator.open', {
                  creator: { platform: risk.platform, creatorId: risk.creatorId },
                }).catch(() => {});
            },
          },
        );
        return;
      }
      creator ??= { value: toCreator(item) };
      render(
        <I18nContext.Provider value={t}>
          <ItemController
            item={ref}
            creator={creator.value}
            policies={policies}
            findings={mount.findings}
            initialFlags={mount.flags}
            risk={mount.risk}
            openRequest={state.openRequests}
            {...(mount.onStep ? { onStep: mount.onStep } : {})}
            {...(mount.takeKey ? { takeKey: mount.takeKey } : {})}
            prepareSnapshot={() => prepareSnapshot(item, services.root)}
            watchEscalations={services.cards.watch}
          />
        </I18nContext.Provider>,
        box,
      );
    },
    release() {
      dispatch(mount, { type: 'release' }, services);
    },
  };
  return mount;
}

/**
 * The writes of the answers (findings, a creator's risk) that arrived in this task, made
 * together at its end: every answer's reads (its evidence marks measured) come before any
 * of them writes, so the task forces no layout, and the badges and marks it draws are laid
 * out once, in the next frame's own layout. Writing each answer as it came meant a layout
 * in the frame and a second one after the placement pass drew the marks (BENCHMARKS.md,
 * 2026-12-07, "answers drawn in one layout").
 */
let pendingWrites: Array<() => void> | undefined;
/** Mounts with writes in `pendingWrites`: any other step of theirs lets the writes out first. */
const writing = new WeakSet<ItemMount>();

/**
 * What one write costs, ms: half the last flush's mean and half the estimate before it;
 * undefined until a flush was measured. No guess is made: a guess of 0.25 ms let a message's
 * first chunk handle a screenful of answers and then draw them for 5 - 6 ms.
 */
let writeCostMs: number | undefined;

/**
 * What the writes waiting now would cost, ms (the chunked queues' `owed`): without a measure
 * yet, a chunk settles after its first write, and that flush is measured.
 */
export const writesOwedMs = () =>
  pendingWrites
    ? writeCostMs === undefined
      ? Number.POSITIVE_INFINITY
      : pendingWrites.length * writeCostMs
    : 0;

/**
 * Makes the writes still waiting now. The chunked queues that deliver answers (viewport
 * reports, a message's answers, creators' risk) call it at the end of each chunk, and count
 * what it will cost in the chunk's budget as the writes pile up (chunked-queue.ts, `settle`,
 * `owed`); the microtask queued with the first write then finds nothing left.
 */
export function flushWrites() {
  const writes = pendingWrites;
  pendingWrites = undefined;
  if (!writes) return;
  const start = performance.now();
  try {
    runWrites(writes);
  } finally {
    const mean = (performance.now() - start) / writes.length;
    writeCostMs = writeCostMs === undefined ? mean : (writeCostMs + mean) / 2;
  }
}

function runWrites(writes: Array<() => void>) {
  for (const write of writes) {
    try {
      write();
    } catch (error) {
      // Reported as it was when the answer's callback threw; the other answers still draw.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

function deferWrite(mount: ItemMount, write: () => void) {
  if (!pendingWrites) {
    pendingWrites = [];
    queueMicrotask(flushWrites);
  }
  writing.add(mount);
  pendingWrites.push(() => {
    writing.delete(mount);
    write();
  });
}

/**
 * Takes one step of the mount's state (item-mount-machine.ts) and performs its effects.
 * An answer that arrives while the effects run (a cached risk, say) takes its own step.
 * `answer`: the step is an answer's (findings, risk); its writes wait for the end of the
 * task (`pendingWrites`). Any other step of a mount with writes still waiting lets them out
 * first, so the mount's effects keep their order.
 */
function dispatch(mount: ItemMount, event: ItemMountEvent, services: PageServices, answer = false) {
  if (!answer && writing.has(mount)) flushWrites();
  const { state, effects } = stepItemMount(mount.state, event);
  mount.state = state;
  for (const effect of effects) {
    if (!answer) perform(mount, effect, services);
    else if (effect === 'mark-evidence') {
      // Measured now, before this task writes anything; drawn with the others.
      const mark = measureEvidence(mount, services);
      if (mark) deferWrite(mount, mark);
    } else deferWrite(mount, () => perform(mount, effect, services));
  }
  return effects;
}

function perform(mount: ItemMount, effect: ItemMountEffect, services: PageServices): void {
  const { key, box, element } = mount;
  switch (effect) {
    case 'unreadable':
      return; // the caller answers for it (setNear)
    case 'show-marks':
      services.marks.show(key);
      return;
    case 'hide-marks':
      services.marks.hide(key);
      return;
    case 'show-box':
      services.anchors.show(box, element);
      return;
    case 'hide-box':
      services.anchors.hide(box);
      return;
    case 'ask-risk': {
      const item = mount.item;
      const creatorId = item?.creator?.id;
      if (!item || !creatorId) return;
      // The chip: one per creator on the page (the first of their items to come near shows
      // it), redrawn when the creator's history arrives or the chip moves to this item.
      mount.stopRisk = services.risks.watch(
        { platform: item.platform, creatorId },
        (risk, shown) => {
          if (!isLive(mount.state)) return;
          mount.risk = shown ? risk : undefined;
          dispatch(mount, { type: 'risk' }, services, true);
        },
      );
      return;
    }
    case 'ask-checks': {
      if (!mount.item) return;
      services.evaluations.request(key, policyInputOf(mount.item), (result) => {
        if (!isLive(mount.state)) return;
        mount.findings = result.ok
          ? { status: 'done', findings: result.findings }
          : { status: 'error', error: result.error };
        if (result.ok && result.flags) mount.flags = result.flags;
        dispatch(mount, { type: 'findings' }, services, true);
      });
      return;
    }
    case 'draw':
      mount.draw();
      return;
    case 'clear-box':
      box.replaceChildren();
      return;
    case 'mark-evidence':
      measureEvidence(mount, services)?.();
      return;
    case 'release':
      mount.stopRisk?.();
      services.anchors.hide(box);
      services.evaluations.cancel(key);
      services.marks.delete(key);
      render(null, box);
      box.remove();
      return;
  }
}

/**
 * Reads the mount's item the first time it is needed. `ok`: read, valid and still the item
 * the box was made for; otherwise the page view re-files or drops it: `moved` when the
 * element now holds another item (a recycled card), `gone` when it holds none.
 */
export function readItem(
  mount: ItemMount,
  services: PageServices,
): { ok: true } | { ok: false; moved?: { key: string; item: ContentItem } } {
  if (mount.item && mount.ref) return { ok: true };
  const item = mount.read();
  if (!item) return { ok: false };
  const key = itemKey(item);
  if (key !== mount.key) return { ok: false, moved: { key, item } };
  const ref = toItemRef(item);
  if (!ref) return { ok: false };
  mount.item = item;
  mount.ref = ref;
  dispatch(mount, { type: 'read', hasCreator: Boolean(item.creator?.id) }, services);
  return { ok: true };
}

/**
 * The item came near the viewport or went away: place it, check it, highlight it.
 * False when the item could not be read (the page view then releases the mount).
 */
export function setNear(mount: ItemMount, near: boolean, services: PageServices): boolean {
  return !dispatch(mount, { type: near ? 'near' : 'far' }, services).includes('unreadable');
}

/** Opens the item's card and focuses it (the keyboard command, j/k), once it can be shown. */
export function openCard(mount: ItemMount, services: PageServices): void {
  dispatch(mount, { type: 'open' }, services);
}

/**
 * Finds and measures the mount's evidence on the page (reads only); the write that marks it,
 * or undefined when there is nothing to mark.
 */
function measureEvidence(mount: ItemMount, services: PageServices): (() => void) | undefined {
  if (mount.findings.status !== 'done' || !mount.item) return undefined;
  const pieces = mount.findings.findings.flatMap((finding) =>
    finding.evidence.map((evidence) => ({
      // A suggestion is not a rule match: its words are marked quietly, never in the
      // policy's severity colour (the badge does not count it either).
      tone: finding.suggested ? ('suggested' as const) : finding.severity,
      evidence,
    })),
  );
  if (pieces.length === 0) return undefined;
  const spans = evidenceSpans(
    mount.element,
    fieldTexts(mount.item),
    pieces.map((p) => p.evidence),
  );
  const marked = pieces.flatMap((piece, i) => {
    const span = spans[i];
    return span ? [{ tone: piece.tone, span }] : [];
  });
  const { key, element } = mount;
  const measured = marked.length > 0 ? services.marks.measure(element, marked) : undefined;
  return () => services.marks.set(key, element, marked, measured);
}
