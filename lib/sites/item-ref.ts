/** From a content item on the page to the validated references stored and sent. */
import { type Creator, creatorSchema, type ItemRef, itemRefSchema } from '@/lib/protocol/records';
import type { ContentItem } from './types';

const clip = (text: string | undefined, max: number) =>
  text === undefined ? undefined : text.slice(0, max);

/** Page text is clipped to the wire format's limits; what still fails validation is dropped. */
export function toItemRef(item: ContentItem): ItemRef | undefined {
  const parsed = itemRefSchema.safeParse({
    platform: item.platform,
    kind: item.kind,
    itemId: item.itemId,
    url: item.url,
    creatorId: item.creator?.id,
    creatorHandle: clip(item.creator?.handle, 256),
    title: clip(item.title ?? item.description, 1000),
    market: item.market,
  });
  return parsed.success ? parsed.data : undefined;
}

export function toCreator(item: ContentItem): Creator | undefined {
  if (!item.creator) return undefined;
  const parsed = creatorSchema.safeParse({
    platform: item.platform,
    creatorId: item.creator.id,
    handle: clip(item.creator.handle, 256),
    displayName: clip(item.creator.displayName, 256),
  });
  return parsed.success ? parsed.data : undefined;
}
