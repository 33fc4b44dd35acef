/**
 * The platform's feeds ("For you", "Following", hashtag pages): repeated video cards,
 * each its own item anchored to its own card. Feeds grow as the reviewer scrolls; the
 * content script finds new cards in what was added and reads each card only when it comes
 * near the viewport (`repeated`).
 */
import { FEED_PATH } from './platform-paths';
import { type RepeatedItems, readRepeated, type SiteAdapter } from './types';
import { identifyVideoCard, readVideoCard } from './video-card';

const CARD = '[data-e2e="recommend-list-item-container"]';
const DESC = '[data-e2e="video-desc"], [data-e2e="browse-video-desc"]';

const cards: RepeatedItems = {
  selector: CARD,
  identify: identifyVideoCard,
  read: (card, location) => readVideoCard(card, location, { descSelector: DESC }),
};

export const platformFeedAdapter: SiteAdapter = {
  id: 'platform-feed',

  matches(location, doc) {
    return FEED_PATH.test(location.pathname) && doc.querySelector(CARD) !== null;
  },

  // The same video can be recommended twice in one session: the first card wins.
  findItems: (doc, location) => readRepeated(cards, doc, location),
  repeated: cards,
};
