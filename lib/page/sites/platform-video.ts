/**
 * The platform's video page: one video, its description and its author, marked with the
 * platform's stable `data-e2e` hooks. The video id comes from the URL
 * (`/@handle/video/<digits>`), which is what the platform itself uses to identify it.
 */
import { bareHandle, cleanText, hashtagsIn, pageUrl, textOf } from './dom-text';
import { CARD_COUNTS, readEngagement } from './engagement';
import { handleInPath, PLATFORM, VIDEO_PATH } from './platform-paths';
import { selectorChanges } from './selector-changes';
import type { ContentItem, SiteAdapter } from './types';

export { PLATFORM } from './platform-paths';

const DESC = '[data-e2e="browse-video-desc"], [data-e2e="video-desc"]';
const CONTAINER = '[data-e2e="video-detail"], [data-e2e="browse-video"]';

export const platformVideoAdapter: SiteAdapter = {
  id: 'platform-video',
  // The video is named by the URL and drawn on its container: only a description or a
  // container added anew can change it (counts and comments ticking cannot).
  mayChange: selectorChanges({ structure: `${DESC}, ${CONTAINER}` }),

  matches(location, doc) {
    return VIDEO_PATH.test(location.pathname) && doc.querySelector(DESC) !== null;
  },

  findItems(doc, location) {
    const path = VIDEO_PATH.exec(location.pathname);
    const descElement = doc.querySelector(DESC);
    if (!path?.[2] || !descElement) return [];
    const container = descElement.closest(CONTAINER) ?? descElement.parentElement ?? descElement;
    const handle = bareHandle(
      textOf(doc, '[data-e2e="video-author-uniqueid"], [data-e2e="browse-username"]') ??
        handleInPath(location.pathname) ??
        '',
    );
    const displayName = textOf(
      doc,
      '[data-e2e="browse-user-nickname"], [data-e2e="video-author-nickname"]',
    );
    const description = cleanText(descElement) ?? '';
    const engagement = readEngagement(container, CARD_COUNTS);
    const item: ContentItem = {
      platform: PLATFORM,
      kind: 'video',
      itemId: path[2],
      url: pageUrl(location),
      description,
      hashtags: hashtagsIn(descElement),
      element: container,
      ...(handle
        ? { creator: { id: handle, handle, ...(displayName ? { displayName } : {}) } }
        : {}),
      ...(engagement ? { engagement } : {}),
    };
    return [item];
  },
};
