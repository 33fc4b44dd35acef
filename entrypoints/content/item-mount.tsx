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
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { FlagView, PolicyChoice } from '@/lib/messaging/message-map';
import { evidenceSpans } from '@/lib/page/overlay/evidence-ranges';
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
  near: boolean;
  findings: FindingsState;
  /** What the reviewer recorded on the item, as of the last check (card opens reload it). */
  flags: FlagView[] | undefined;
  /** The creator's risk when this item shows the creator's chip (one item per creator). */
  risk: CreatorRisk | undefined;
  /** Stops watching the creator's risk (set once the item asked about it). */
  stopRisk: (() => void) | undefined;
  requested: boolean;
  /** Bumped to open the card and focus it (keyboard triage). */
  openRequests: number;
  /**
   * Drawn by Preact (the full overlay) from the first time the card opens; until then the
   * closed overlay is drawn statically (components/overlay/static-overlay.ts).
   */
  full: boolean;
  /** The card should open once the checks arrive (the box is hidden until then). */
  openWhenReady: boolean;
  /** j/k from this item's card: set by the page view, which knows the order of items. */
  onStep?: (direction: 1 | -1) => void;
  draw(): void;
  release(): void;
  /**
   * Set once the item left the page: answers that arrive later (findings, flags, creator
   * risk) must not draw, place or mark it again, or its box and card stay alive for good.
   */
  released: boolean;
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
    near: false,
    findings: { status: 'pending' },
    flags: undefined,
    risk: undefined,
    stopRisk: undefined,
    requested: false,
    openRequests: 0,
    full: false,
    openWhenReady: false,
    released: false,
    draw() {
      const { item, ref, risk } = mount;
      // An answer (findings, flags, risk) that arrives after the item left the page must not
      // bring its box back: on a feed that virtualises, such boxes piled up by the hundred.
      if (!item || !ref || mount.released) return;
      // The box joins the shadow root when it first has something to show: a box appended
      // empty, when its item came near, would cost the page a rendering update of its own.
      if (!box.isConnected) services.root.append(box);
      if (!mount.full) {
        drawStaticOverlay(
          box,
          { itemId: ref.itemId, findings: mount.findings, flags: mount.flags ?? [], risk },
          t,
          {
            open: () => {
              mount.full = true;
              mount.openRequests += 1;
              box.replaceChildren();
              mount.draw();
            },
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
            openRequest={mount.openRequests}
            {...(mount.onStep ? { onStep: mount.onStep } : {})}
            prepareSnapshot={() => prepareSnapshot(item, services.root)}
          />
        </I18nContext.Provider>,
        box,
      );
    },
    release() {
      mount.released = true;
      mount.stopRisk?.();
      services.anchors.hide(box);
      services.evaluations.cancel(key);
      services.marks.delete(key);
      render(null, box);
      box.remove();
    },
  };
  return mount;
}

/**
 * Reads the mount's item the first time it is needed. `ok`: read, valid and still the item
 * the box was made for; otherwise the page view re-files or drops it: `moved` when the
 * element now holds another item (a recycled card), `gone` when it holds none.
 */
export function readItem(
  mount: ItemMount,
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
  return { ok: true };
}

/**
 * The item came near the viewport or went away: place it, check it, highlight it.
 * False when the item could not be read (the page view then releases the mount).
 */
export function setNear(mount: ItemMount, near: boolean, services: PageServices): boolean {
  if (mount.released) return true;
  mount.near = near;
  if (!near) {
    services.anchors.hide(mount.box);
    services.marks.hide(mount.key);
    return true;
  }
  services.marks.show(mount.key);
  // The badge appears once, with what the checks found: a badge that changed its text
  // after appearing would move (it is right-aligned), which counts as a layout shift.
  if (mount.findings.status !== 'pending') {
    services.anchors.show(mount.box, mount.element);
    return true;
  }
  if (mount.requested) return true;
  const item = mount.item;
  if (!item) return false;
  mount.requested = true;
  // Both questions (findings, creator risk) leave together and the badge is drawn once,
  // when both are answered: one change to the page's rendering per batch of items, and a
  // badge that never changes its width after it appears (it is right-aligned: a chip
  // arriving later would move it, which counts as a layout shift).
  const creatorId = item.creator?.id;
  let riskAnswered = !creatorId;
  let checked = false;
  let drawn = false;
  const drawWhenAnswered = () => {
    if (!checked || !riskAnswered || mount.released) return;
    drawn = true;
    mount.draw();
    markEvidence(mount, services);
    if (mount.near) services.anchors.show(mount.box, mount.element);
    if (mount.openWhenReady) openCard(mount, services);
  };
  // The chip: one per creator on the page (the first of their items to come near shows
  // it), redrawn when the creator's history arrives or the chip moves to this item.
  if (creatorId)
    mount.stopRisk = services.risks.watch({ platform: item.platform, creatorId }, (risk, shown) => {
      mount.risk = shown ? risk : undefined;
      riskAnswered = true;
      if (drawn) {
        if (!mount.released) mount.draw();
      } else drawWhenAnswered();
    });
  services.evaluations.request(mount.key, policyInputOf(item), (result) => {
    mount.findings = result.ok
      ? { status: 'done', findings: result.findings }
      : { status: 'error', error: result.error };
    if (result.ok && result.flags) mount.flags = result.flags;
    checked = true;
    drawWhenAnswered();
  });
  return true;
}

/** Opens the item's card and focuses it (the keyboard command, j/k), once it can be shown. */
export function openCard(mount: ItemMount, services: PageServices): void {
  if (!mount.near) setNear(mount, true, services);
  if (mount.findings.status === 'pending') {
    mount.openWhenReady = true;
    return;
  }
  mount.openWhenReady = false;
  services.anchors.show(mount.box, mount.element);
  if (!mount.full) {
    mount.full = true;
    mount.box.replaceChildren();
  }
  mount.openRequests += 1;
  mount.draw();
}

function markEvidence(mount: ItemMount, services: PageServices): void {
  if (mount.findings.status !== 'done' || !mount.item) return;
  const pieces = mount.findings.findings.flatMap((finding) =>
    finding.evidence.map((evidence) => ({ severity: finding.severity, evidence })),
  );
  if (pieces.length === 0) return;
  const spans = evidenceSpans(
    mount.element,
    fieldTexts(mount.item),
    pieces.map((p) => p.evidence),
  );
  services.marks.set(
    mount.key,
    mount.element,
    pieces.flatMap((piece, i) => {
      const span = spans[i];
      return span ? [{ severity: piece.severity, span }] : [];
    }),
  );
}
