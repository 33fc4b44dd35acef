/**
 * From a content item on the page to the references stored and sent. Page text is clipped
 * to the wire format's limits and what could never pass is dropped here (no id, a platform
 * name of the wrong shape, a URL that is not http(s) or too long), without loading Zod into
 * every page: the background validates each reference against itemRefSchema / creatorSchema
 * when a message brings it (lib/messaging/router.ts), and refuses it with the field's name.
 */
import type { Creator, ItemRef } from '@/lib/shared/protocol/records';
import { ITEM_LIMITS, isMarket, PLATFORM_PATTERN } from '@/lib/shared/protocol/vocabulary';
import { toWireText, unsafeTextReason } from '@/lib/shared/protocol/wire-text';
import type { ContentItem } from './types';

// Page text is made storable after clipping (a clip can split a surrogate pair): a hostile
// page's U+0000 or lone surrogate in a title must not stop the reviewer flagging the item.
const clip = (text: string | undefined, max: number) =>
  text === undefined ? undefined : toWireText(text.slice(0, max));

// An id is kept exactly or not at all: a cleaned id would name another item.
const isId = (value: string | undefined, max: number): value is string =>
  value !== undefined &&
  value.length > 0 &&
  value.length <= max &&
  unsafeTextReason(value) === undefined;

const isPlatform = (platform: string) =>
  platform.length <= ITEM_LIMITS.platform && PLATFORM_PATTERN.test(platform);

function isWebUrl(url: string): boolean {
  if (url.length > ITEM_LIMITS.url || unsafeTextReason(url) !== undefined) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function toItemRef(item: ContentItem): ItemRef | undefined {
  if (!isPlatform(item.platform) || !isId(item.itemId, ITEM_LIMITS.itemId)) return undefined;
  if (!isWebUrl(item.url)) return undefined;
  const creatorId = item.creator?.id;
  // An id cannot be clipped (it would name another creator): such an item is dropped.
  if (creatorId !== undefined && !isId(creatorId, ITEM_LIMITS.creatorId)) return undefined;
  const ref: ItemRef = {
    platform: item.platform,
    kind: item.kind,
    itemId: item.itemId,
    url: item.url,
  };
  if (creatorId !== undefined) ref.creatorId = creatorId;
  const handle = clip(item.creator?.handle, ITEM_LIMITS.handle);
  if (handle !== undefined) ref.creatorHandle = handle;
  const title = clip(item.title ?? item.description, ITEM_LIMITS.title);
  if (title !== undefined) ref.title = title;
  if (isMarket(item.market)) ref.market = item.market;
  return ref;
}

export function toCreator(item: ContentItem): Creator | undefined {
  if (!item.creator || !isPlatform(item.platform)) return undefined;
  if (!isId(item.creator.id, ITEM_LIMITS.creatorId)) return undefined;
  const creator: Creator = {
    platform: item.platform,
    creatorId: item.creator.id,
    handle: clip(item.creator.handle, ITEM_LIMITS.handle) ?? '',
  };
  const displayName = clip(item.creator.displayName, ITEM_LIMITS.displayName);
  if (displayName !== undefined) creator.displayName = displayName;
  return creator;
}
