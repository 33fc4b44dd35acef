/**
 * One item's overlay box in the shadow root, and everything that hangs off it: its place
 * over the item, its findings, its evidence highlights. A mount is released (box removed,
 * Preact unmounted, highlights cleared) when its item leaves the page or the page view ends.
 */
import { render } from 'preact';
import { I18nContext } from '@/components/i18n-context';
import type { FindingsState } from '@/components/overlay/finding-list';
import { t } from '@/lib/i18n';
import type { FlagView, PolicyChoice } from '@/lib/messaging/message-map';
import { evidenceSpans } from '@/lib/overlay/evidence-ranges';
import { fieldTexts, policyInputOf } from '@/lib/overlay/policy-input';
import type { CreatorRisk } from '@/lib/overlay/risk-queue';
import type { Creator, ItemRef } from '@/lib/protocol/records';
import { toCreator } from '@/lib/sites/item-ref';
import type { ContentItem } from '@/lib/sites/types';
import { ItemController } from './item-controller';
import type { PageServices } from './page-services';
import { prepareSnapshot } from './snapshot-area';

export interface ItemMount {
  key: string;
  item: ContentItem;
  box: HTMLElement;
  near: boolean;
  findings: FindingsState;
  /** What the reviewer recorded on the item, as of the last check (card opens reload it). */
  flags: FlagView[] | undefined;
  risk: CreatorRisk | undefined;
  requested: boolean;
  /** Bumped to open the card and focus it (keyboard triage). */
  openRequests: number;
  /** The card should open once the checks arrive (the box is hidden until then). */
  openWhenReady: boolean;
  /** j/k from this item's card: set by the page view, which knows the order of items. */
  onStep?: (direction: 1 | -1) => void;
  draw(): void;
  release(): void;
}

/**
 * Mounts an empty, hidden box at once (so every item has its overlay) and leaves the rest
 * (validating the item, rendering the badge, placing it) to when the item comes near.
 */
export function mountItem(
  key: string,
  item: ContentItem,
  ref: ItemRef,
  policies: PolicyChoice[],
  services: PageServices,
): ItemMount {
  const box = services.root.ownerDocument.createElement('div');
  box.className = 'box';
  box.hidden = true;
  box.setAttribute('data-item-box', item.itemId);
  services.root.append(box);
  let creator: { value: Creator | undefined } | undefined;

  const mount: ItemMount = {
    key,
    item,
    box,
    near: false,
    findings: { status: 'pending' },
    flags: undefined,
    risk: undefined,
    requested: false,
    openRequests: 0,
    openWhenReady: false,
    draw() {
      creator ??= { value: toCreator(mount.item) };
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
            prepareSnapshot={() => prepareSnapshot(mount.item, services.root.host as HTMLElement)}
          />
        </I18nContext.Provider>,
        box,
      );
    },
    release() {
      services.viewport.unobserve(mount.item.element);
      services.anchors.hide(box);
      services.evaluations.cancel(key);
      services.highlights.delete(key);
      render(null, box);
      box.remove();
    },
  };
  services.viewport.observe(item.element);
  return mount;
}

/** The item came near the viewport or went away: place it, check it, highlight it. */
export function setNear(mount: ItemMount, near: boolean, services: PageServices): void {
  mount.near = near;
  if (!near) {
    services.anchors.hide(mount.box);
    return;
  }
  // The badge appears once, with what the checks found: a badge that changed its text
  // after appearing would move (it is right-aligned), which counts as a layout shift.
  if (mount.findings.status !== 'pending') {
    services.anchors.show(mount.box, mount.item.element);
    return;
  }
  if (mount.requested) return;
  mount.requested = true;
  services.evaluations.request(mount.key, policyInputOf(mount.item), (result) => {
    mount.findings = result.ok
      ? { status: 'done', findings: result.findings }
      : { status: 'error', error: result.error };
    if (result.ok && result.flags) mount.flags = result.flags;
    const creatorId = mount.item.creator?.id;
    if (creatorId && !mount.risk)
      services.risks.request({ platform: mount.item.platform, creatorId }, (risk) => {
        mount.risk = risk;
        mount.draw();
      });
    mount.draw();
    if (result.ok) highlight(mount, services);
    if (mount.near) services.anchors.show(mount.box, mount.item.element);
    if (mount.openWhenReady) openCard(mount, services);
  });
}

/** Opens the item's card and focuses it (the keyboard command, j/k), once it can be shown. */
export function openCard(mount: ItemMount, services: PageServices): void {
  if (!mount.near) setNear(mount, true, services);
  if (mount.findings.status === 'pending') {
    mount.openWhenReady = true;
    return;
  }
  mount.openWhenReady = false;
  services.anchors.show(mount.box, mount.item.element);
  mount.openRequests += 1;
  mount.draw();
}

function highlight(mount: ItemMount, services: PageServices): void {
  if (mount.findings.status !== 'done') return;
  const pieces = mount.findings.findings.flatMap((finding) =>
    finding.evidence.map((evidence) => ({ severity: finding.severity, evidence })),
  );
  if (pieces.length === 0) return;
  const spans = evidenceSpans(
    mount.item.element,
    fieldTexts(mount.item),
    pieces.map((p) => p.evidence),
  );
  services.highlights.set(
    mount.key,
    pieces.flatMap((piece, i) => {
      const span = spans[i];
      return span ? [{ severity: piece.severity, span }] : [];
    }),
  );
}
