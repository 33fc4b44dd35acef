/**
 * What the content script tells the background when a flag should keep a snapshot: where
 * the item is on screen (CSS pixels, viewport-relative), the pixel ratio, and what the item
 * says (text, price). The overlay is hidden while the background captures, so the image
 * shows the item as the page draws it, not our card over it.
 *
 * Hidden from inside the closed shadow root (a style rule added there), never by changing
 * the host element: the page could watch its host for that moment and repaint the item
 * while the background captures, so the kept image would show what the page chose. The
 * page sees no change. `restore` also says whether the item changed during the capture
 * (its markup, compared before and after), so the card can say the image may differ.
 */
import type { SnapshotRequest } from '@/lib/messaging/evidence-messages';
import type { ContentItem } from '@/lib/page/sites/types';

export interface PreparedSnapshot {
  ask: SnapshotRequest;
  /** Shows the overlay again; true when the item changed while it was hidden. */
  restore(): boolean;
}

/** Hides every box and mark, from inside the root: the page cannot see this happen. */
const HIDE_ALL = '.box, .marks { visibility: hidden !important; }';

/** Two frames: the hidden overlay has been painted away. A hidden tab never paints: cap it. */
const painted = () =>
  Promise.race([
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
    ),
    new Promise<void>((resolve) => setTimeout(resolve, 250)),
  ]);

const priceText = (item: ContentItem) =>
  item.price ? `${item.price.amount} ${item.price.currency}` : undefined;

export async function prepareSnapshot(
  item: ContentItem,
  root: ShadowRoot,
): Promise<PreparedSnapshot> {
  const hide = root.ownerDocument.createElement('style');
  hide.textContent = HIDE_ALL;
  root.append(hide);
  const markup = item.element.outerHTML;
  await painted();
  const rect = item.element.getBoundingClientRect();
  const text = [item.title, item.description, item.hashtags.map((h) => `#${h}`).join(' ')]
    .filter(Boolean)
    .join('\n')
    .slice(0, 2000);
  const price = priceText(item);
  return {
    ask: {
      rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      devicePixelRatio: window.devicePixelRatio || 1,
      viewportWidth: window.innerWidth,
      text,
      ...(price ? { price } : {}),
    },
    restore: () => {
      hide.remove();
      return !item.element.isConnected || item.element.outerHTML !== markup;
    },
  };
}
