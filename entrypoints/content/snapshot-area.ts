/**
 * What the content script tells the background when a flag should keep a snapshot: where
 * the item is on screen (CSS pixels, viewport-relative), the pixel ratio, and what the item
 * says (text, price). The overlay is hidden while the background captures, so the image
 * shows the item as the page draws it, not our card over it.
 */
import type { SnapshotRequest } from '@/lib/messaging/evidence-messages';
import type { ContentItem } from '@/lib/page/sites/types';

export interface PreparedSnapshot {
  ask: SnapshotRequest;
  /** Shows the overlay again. */
  restore(): void;
}

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
  host: HTMLElement,
): Promise<PreparedSnapshot> {
  const before = host.style.visibility;
  host.style.visibility = 'hidden';
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
      host.style.visibility = before;
    },
  };
}
