/**
 * The platform's feeds ("For you", "Following", hashtag pages): repeated video cards,
 * each its own item anchored to its own card. Feeds grow as the reviewer scrolls, so
 * `findItems` is cheap to call again: it re-reads every card currently on the page.
 */
import { FEED_PATH } from './platform-paths';
import type { ContentItem, SiteAdapter } from './types';
import { readVideoCard } from './video-card';

const CARD = '[data-e2e="recommend-list-item-container"]';
const DESC = '[data-e2e="video-desc"], [data-e2e="browse-video-desc"]';

export const platformFeedAdapter: SiteAdapter = {
  id: 'platform-feed',

  matches(location, doc) {
    return FEED_PATH.test(location.pathname) && doc.querySelector(CARD) !== null;
  },

  findItems(doc, location) {
    const items: ContentItem[] = [];
    const seen = new Set<string>();
    for (const card of doc.querySelectorAll(CARD)) {
      const item = readVideoCard(card, location, { descSelector: DESC });
      // The same video can be recommended twice in one session: the first card wins.
      if (!item || seen.has(item.itemId)) continue;
      seen.add(item.itemId);
      items.push(item);
    }
    return items;
  },
};
