/**
 * The closed overlay (badge and risk chip) drawn with a few DOM calls instead of Preact.
 * On a feed most badges are only ever looked at, and rendering the full component for each
 * cost about half a millisecond (64 badges: 34 to 45 ms of a 2,000-card feed's script
 * time). The DOM is the same as ItemOverlay's when closed (badge-view.ts gives both their
 * values; tests/unit/overlay/static-overlay.test.ts compares the two), and page text goes
 * in only as text. Activating the badge hands over to the full overlay, opened.
 */

import { type ChipInput, riskChipView } from '@/components/risk/chip-view';
import type { Translate } from '@/lib/i18n/keys';
import type { SummaryFlag } from './badge-summary';
import { badgeView, cardIdOf } from './badge-view';
import type { FindingsState } from './finding-list';

export interface StaticOverlayProps {
  itemId: string;
  findings: FindingsState;
  flags: readonly SummaryFlag[];
  /** The creator's chip (unknown, loading or known), on one of the creator's items. */
  risk?: ChipInput | undefined;
}

export interface StaticOverlayActions {
  /** The badge was clicked (or Enter / Space on it): open the full card. */
  open(): void;
  openCreator(): void;
}

/** What a box's static overlay is made of, to update it in place on the next draw. */
interface Drawn {
  overlay: HTMLElement;
  badge: HTMLButtonElement;
  slot?: HTMLElement;
  actions: StaticOverlayActions;
}
const drawnIn = new WeakMap<HTMLElement, Drawn>();

function setAttributes(node: Element, attributes: Record<string, string>): void {
  for (const name in attributes) {
    const value = attributes[name] as string;
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string>,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  setAttributes(node, attributes);
  return node;
}

/**
 * The fixed part of the closed overlay, built once per document and cloned for each box:
 * one deep clone costs a fraction of building the same elements call by call, which adds
 * up on a feed where every card that comes near gets one.
 */
interface Templates {
  overlay: HTMLElement;
  slot: HTMLElement;
}
const templatesOf = new WeakMap<Document, Templates>();
function templates(doc: Document): Templates {
  let found = templatesOf.get(doc);
  if (!found) {
    const overlay = element(doc, 'div', { class: 'overlay', 'data-testid': 'item-overlay' });
    overlay.append(element(doc, 'button', { type: 'button', 'data-testid': 'badge' }));
    const button = element(doc, 'button', { type: 'button', 'data-testid': 'risk-chip' });
    button.append(
      element(doc, 'span', { class: 'risk-chip-score' }),
      element(doc, 'span', { class: 'risk-chip-word' }),
      element(doc, 'span', { class: 'risk-chip-trend', 'aria-hidden': 'true' }),
    );
    const slot = element(doc, 'span', { class: 'chip-slot' });
    slot.append(button);
    found = { overlay, slot };
    templatesOf.set(doc, found);
  }
  return found;
}

/**
 * One click listener per root (the overlay's shadow root) for every static overlay in it,
 * instead of two per box: a click on a badge or a chip finds its box's actions. Boxes that
 * Preact has taken over no longer hold their static overlay and are left to Preact.
 */
const listening = new WeakSet<Node>();
function listenForClicks(root: Node): void {
  if (listening.has(root)) return;
  listening.add(root);
  root.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const control = target?.closest?.('[data-testid="badge"], [data-testid="risk-chip"]');
    const overlay = control?.closest('[data-testid="item-overlay"]');
    const box = overlay?.parentElement;
    const drawn = box ? drawnIn.get(box) : undefined;
    if (!drawn || drawn.overlay !== overlay) return;
    if (control?.getAttribute('data-testid') === 'risk-chip') drawn.actions.openCreator();
    else drawn.actions.open();
  });
}

/**
 * Draws the closed overlay into `box`, or updates the one drawn there before in place:
 * the badge the reviewer may have focused stays the same element when its text changes.
 */
export function drawStaticOverlay(
  box: HTMLElement,
  props: StaticOverlayProps,
  t: Translate,
  actions: StaticOverlayActions,
): void {
  const doc = box.ownerDocument;
  let drawn = drawnIn.get(box);
  if (!drawn || drawn.overlay.parentNode !== box) {
    const overlay = templates(doc).overlay.cloneNode(true) as HTMLElement;
    const created: Drawn = {
      overlay,
      badge: overlay.firstElementChild as HTMLButtonElement,
      actions,
    };
    box.replaceChildren(overlay);
    drawnIn.set(box, created);
    listenForClicks(box.getRootNode());
    drawn = created;
  }
  drawn.actions = actions;
  setAttributes(drawn.overlay, {
    'data-item-id': props.itemId,
    'data-findings': props.findings.status,
  });
  if (props.risk) {
    // The same view as the Preact chip (components/risk/risk-chip.tsx), so the closed badge
    // and the open card say the same thing: the score with its band in words.
    const chip = riskChipView(props.risk, t);
    drawn.slot ??= templates(doc).slot.cloneNode(true) as HTMLElement;
    if (!drawn.slot.isConnected) drawn.overlay.prepend(drawn.slot);
    const button = drawn.slot.firstElementChild as HTMLElement;
    setAttributes(button, {
      class: chip.className,
      'data-state': chip.state,
      ...(chip.band ? { 'data-band': chip.band } : {}),
      'aria-label': chip.label,
      title: chip.label,
    });
    const [score, word, trend] = button.children;
    if (score && score.textContent !== chip.score) score.textContent = chip.score;
    if (word && word.textContent !== chip.word) word.textContent = chip.word;
    if (trend && trend.textContent !== chip.arrow) trend.textContent = chip.arrow;
  } else drawn.slot?.remove();
  const view = badgeView(props.findings, props.flags, t);
  setAttributes(drawn.badge, {
    class: view.className,
    'data-count': String(view.count),
    'aria-label': view.label,
    'aria-expanded': 'false',
    'aria-controls': cardIdOf(props.itemId),
  });
  if (drawn.badge.textContent !== view.text) drawn.badge.textContent = view.text;
}
