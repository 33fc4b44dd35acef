/**
 * One video card as the platform repeats it in feeds and profile grids: a link to
 * `/@handle/video/<id>`, a description and, in feeds, the author. The card's link is the
 * only source of the item id: a card without one is not an item.
 */

import { attrOf, bareHandle, cleanText, hashtagsIn, httpUrl, textOf } from './dom-text';
import { CARD_COUNTS, readEngagement } from './engagement';
import { PLATFORM, VIDEO_PATH, videoRef } from './platform-paths';
import type { ContentCreator, ContentItem } from './types';

const AUTHOR = '[data-e2e="video-author-uniqueid"], [data-e2e="browse-username"]';
const NICKNAME = '[data-e2e="video-author-nickname"], [data-e2e="browse-user-nickname"]';

/** The first link in the card that points at a video on this site. */
function videoLink(card: Element, location: URL) {
  for (const anchor of card.querySelectorAll('a[href]')) {
    const url = httpUrl(attrOf(anchor, 'href'), location);
    // Cards link within the platform; a link to another site names no video of ours.
    const ref = url?.origin === location.origin ? videoRef(url) : undefined;
    if (url && ref) return { url: `${url.origin}${url.pathname}`, ...ref };
  }
  return undefined;
}

/**
 * The card's video id from its first video link's href as written, without parsing URLs:
 * a path (`/@x/video/1`) or an absolute URL on this page's origin. readVideoCard checks
 * the links properly when the card is read.
 */
export function identifyVideoCard(card: Element, location: URL) {
  let href: string | undefined;
  // The links in document order: usually the first is the video's (cheaper than a
  // substring selector, which tests every element of the card).
  for (const anchor of card.getElementsByTagName('a')) {
    const value = anchor.getAttribute('href');
    if (value?.includes('/video/')) {
      href = value.trim();
      break;
    }
  }
  if (!href) return undefined;
  const path = href.startsWith(`${location.origin}/`) ? href.slice(location.origin.length) : href;
  const videoId = VIDEO_PATH.exec(path.split(/[?#]/, 1)[0] ?? '')?.[2];
  return videoId ? { platform: PLATFORM, itemId: videoId } : undefined;
}

export interface VideoCardOptions {
  /** Where the description lives (relative to the card). */
  descSelector: string;
  /** The page's creator, for grids where cards do not repeat the author. */
  creator?: ContentCreator;
  /** An element beside the card that also belongs to it (grids put the caption there). */
  companion?: Element | null;
}

export function readVideoCard(
  card: Element,
  location: URL,
  options: VideoCardOptions,
): ContentItem | undefined {
  const link =
    videoLink(card, location) ?? (options.companion && videoLink(options.companion, location));
  if (!link) return undefined;
  const descElement =
    card.querySelector(options.descSelector) ??
    options.companion?.querySelector(options.descSelector);
  const handle = bareHandle(textOf(card, AUTHOR) ?? '') || undefined;
  const displayName = textOf(card, NICKNAME);
  const creator: ContentCreator | undefined = handle
    ? { id: handle, handle, ...(displayName ? { displayName } : {}) }
    : (options.creator ?? { id: link.handle, handle: link.handle });
  const description = cleanText(descElement);
  const engagement = readEngagement(card, CARD_COUNTS);
  return {
    platform: PLATFORM,
    kind: 'video',
    itemId: link.videoId,
    url: link.url,
    creator,
    ...(description ? { description } : {}),
    hashtags: hashtagsIn(descElement),
    ...(engagement ? { engagement } : {}),
    element: card,
  };
}
