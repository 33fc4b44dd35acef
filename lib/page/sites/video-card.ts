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

/**
 * A video path as cards write their links (`/@handle/video/<id>`, maybe a query or a
 * fragment after it) in characters the URL parser leaves as they are in a path: no dot
 * segment, backslash, tab, newline, percent sign or character it would encode.
 */
const PLAIN_VIDEO_HREF = /^(\/@([A-Za-z0-9._-]+)\/video\/(\d{1,32})\/?)(?:[?#]|$)/;

/**
 * The video link `href` names on an http(s) page, read without the URL parser where the
 * parser could not change its path (`PLAIN_VIDEO_HREF`): parsing each card's link was the
 * largest part of reading a card (BENCHMARKS.md, 2026-12-07, "answers drawn in one
 * layout"). Undefined when the href needs the parser; a unit test checks both agree.
 */
export function plainVideoLink(href: string, location: URL) {
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return undefined;
  const match = PLAIN_VIDEO_HREF.exec(href);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { url: `${location.origin}${match[1]}`, handle: match[2], videoId: match[3] };
}

/**
 * Whether the URL parser could find a video path in `href`: only from the letters of
 * `video` in the href itself (tabs and newlines, which it drops, aside) or in the page's
 * own path (a relative href keeps the page's folders).
 */
const mayNameVideo = (href: string, location: URL) =>
  href.includes('video') || /[\t\n\r]/.test(href) || location.pathname.includes('video');

/** The video link `href` names, through the URL parser: on this site, and a video's. */
export function parsedVideoLink(href: string | undefined, location: URL) {
  if (href === undefined || !mayNameVideo(href, location)) return undefined;
  const url = httpUrl(href, location);
  // Cards link within the platform; a link to another site names no video of ours.
  const ref = url?.origin === location.origin ? videoRef(url) : undefined;
  return url && ref ? { url: `${url.origin}${url.pathname}`, ...ref } : undefined;
}

/** The first link in the card that points at a video on this site. */
function videoLink(card: Element, location: URL) {
  for (const anchor of card.querySelectorAll('a[href]')) {
    const href = attrOf(anchor, 'href');
    const link =
      (href !== undefined && plainVideoLink(href, location)) || parsedVideoLink(href, location);
    if (link) return link;
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
