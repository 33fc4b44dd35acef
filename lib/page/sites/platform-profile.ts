/**
 * A creator's profile page: the header is a `profile` item about the creator (its id is
 * the creator's id), and each video in the grid is a `video` item by that creator.
 */
import { bareHandle, cleanText, hashtagsIn, pageUrl, textOf } from './dom-text';
import { readEngagement } from './engagement';
import { handleInPath, PLATFORM, PROFILE_PATH } from './platform-paths';
import {
  type ContentCreator,
  type ContentItem,
  type RepeatedItems,
  readRepeated,
  type SiteAdapter,
} from './types';
import { identifyVideoCard, readVideoCard } from './video-card';

const HANDLE = '[data-e2e="user-title"]';
const POST = '[data-e2e="user-post-item"]';
const POST_DESC = '[data-e2e="user-post-item-desc"]';
const BIO = '[data-e2e="user-bio"]';

/** The caption beside a grid card, when the card and its caption share a wrapper. */
function companionOf(card: Element): Element | null {
  const wrapper = card.parentElement;
  return wrapper && wrapper.querySelectorAll(POST).length === 1 ? wrapper : null;
}

function readHeader(doc: Document, location: URL): ContentItem | undefined {
  const handleElement = doc.querySelector(HANDLE);
  const handle = bareHandle(cleanText(handleElement) ?? handleInPath(location.pathname) ?? '');
  if (!handle) return undefined;
  const header =
    handleElement?.closest('[data-e2e="user-page-header"], header') ??
    handleElement?.parentElement ??
    doc.body;
  const displayName = textOf(doc, '[data-e2e="user-subtitle"]');
  const bioElement = doc.querySelector(BIO);
  const bio = cleanText(bioElement);
  // The handle is the creator id everywhere on the platform (video, feed, live, product
  // seller), so a creator's history joins up across pages.
  const id = handle;
  const engagement = readEngagement(header, {
    followers: '[data-e2e="followers-count"]',
    likes: '[data-e2e="likes-count"]',
  });
  return {
    platform: PLATFORM,
    kind: 'profile',
    itemId: id,
    url: pageUrl(location),
    creator: { id, handle, ...(displayName ? { displayName } : {}) },
    ...(displayName ? { title: displayName } : {}),
    ...(bio ? { description: bio } : {}),
    hashtags: hashtagsIn(bioElement),
    ...(engagement ? { engagement } : {}),
    element: header,
  };
}

/** The grid's cards: each a video by the page's creator (grid cards do not repeat it). */
const posts: RepeatedItems = {
  selector: POST,
  identify: identifyVideoCard,
  read(card, location, doc) {
    const creator: ContentCreator | undefined = readHeader(doc, location)?.creator;
    return readVideoCard(card, location, {
      descSelector: POST_DESC,
      companion: companionOf(card),
      ...(creator ? { creator } : {}),
    });
  },
};

const headerItems = (doc: Document, location: URL): ContentItem[] => {
  const profile = readHeader(doc, location);
  return profile ? [profile] : [];
};

export const platformProfileAdapter: SiteAdapter = {
  id: 'platform-profile',

  matches(location, doc) {
    return PROFILE_PATH.test(location.pathname) && doc.querySelector(HANDLE) !== null;
  },

  findItems: (doc, location) => [
    ...headerItems(doc, location),
    ...readRepeated(posts, doc, location),
  ],
  repeated: posts,
  singleItems: headerItems,
};
