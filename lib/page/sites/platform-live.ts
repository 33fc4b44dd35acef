/**
 * A live stream: one `live` item for the room (its id from `data-room-id`, else the host's
 * handle, since a host has one room at a time), plus the products in its shopping bag,
 * which is where live selling's price and counterfeit problems show.
 */
import { attrOf, bareHandle, cleanText, hashtagsIn, pageUrl, textOf } from './dom-text';
import { readEngagement } from './engagement';
import { handleInPath, LIVE_PATH, PLATFORM } from './platform-paths';
import { PRODUCT_CARD, readProductCards } from './product-card';
import { selectorChanges } from './selector-changes';
import type { ContentItem, SiteAdapter } from './types';

const ROOM = '[data-e2e="live-room"]';
const TITLE = '[data-e2e="live-room-title"]';
const HOST = '[data-e2e="live-host-name"]';
const BAG = '[data-e2e="live-shopping-bag"]';

function readRoom(doc: Document, location: URL): ContentItem | undefined {
  const titleElement = doc.querySelector(TITLE);
  const room = doc.querySelector(ROOM) ?? titleElement?.parentElement;
  if (!room) return undefined;
  const handle = bareHandle(textOf(doc, HOST) ?? handleInPath(location.pathname) ?? '');
  const roomId = attrOf(room.closest('[data-room-id]'), 'data-room-id') ?? handle;
  if (!roomId) return undefined;
  const displayName = textOf(doc, '[data-e2e="live-host-nickname"]');
  const title = cleanText(titleElement);
  const announcementElement = doc.querySelector('[data-e2e="live-announcement"]');
  const description = cleanText(announcementElement);
  const engagement = readEngagement(room, {
    viewers: '[data-e2e="live-viewer-count"]',
    likes: '[data-e2e="live-like-count"]',
  });
  return {
    platform: PLATFORM,
    kind: 'live',
    itemId: roomId,
    url: pageUrl(location),
    ...(handle ? { creator: { id: handle, handle, ...(displayName ? { displayName } : {}) } } : {}),
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    hashtags: [...new Set([...hashtagsIn(titleElement), ...hashtagsIn(announcementElement)])],
    ...(engagement ? { engagement } : {}),
    element: room,
  };
}

export const platformLiveAdapter: SiteAdapter = {
  id: 'platform-live',
  // The room is named by its id, else its host's handle; the bag's products by their
  // cards' links. Viewer and like counts, chat and the announcement name nothing.
  mayChange: selectorChanges({
    structure: `${ROOM}, ${TITLE}, [data-room-id], ${HOST}, ${BAG}, ${PRODUCT_CARD}`,
    inside: PRODUCT_CARD,
    text: HOST,
  }),

  matches(location, doc) {
    return LIVE_PATH.test(location.pathname) && doc.querySelector(TITLE) !== null;
  },

  findItems(doc, location) {
    const room = readRoom(doc, location);
    const bag = doc.querySelector(BAG);
    const products = bag ? readProductCards(bag, doc, location) : [];
    return room ? [room, ...products] : products;
  },
};
