/**
 * The platform's URL shapes, in one place: every platform adapter and the fixture pages
 * agree on them. Handles are percent-decoded by the browser only for display, so they are
 * decoded here too.
 */
export const PLATFORM = 'shopvid';

export const VIDEO_PATH = /^\/@([^/]+)\/video\/(\d{1,32})\/?$/;
export const LIVE_PATH = /^\/@([^/]+)\/live\/?$/;
export const PROFILE_PATH = /^\/@([^/]+)\/?$/;
export const PRODUCT_PATH = /^\/shop\/product\/(\d{1,32})\/?$/;
/** Feeds of video cards: the home page, "For you", "Following", "Explore" and hashtag pages. */
export const FEED_PATH = /^\/(?:|foryou|following|explore|tag\/[^/]+)\/?$/;

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The handle in a `/@handle...` path, decoded; undefined for other paths. */
export function handleInPath(pathname: string): string | undefined {
  const match = /^\/@([^/]+)/.exec(pathname);
  return match?.[1] ? decode(match[1]) : undefined;
}

/** `{handle, videoId}` from a video link such as `/@lena.glow/video/7301234567890123456`. */
export function videoRef(url: URL): { handle: string; videoId: string } | undefined {
  const match = VIDEO_PATH.exec(url.pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { handle: decode(match[1]), videoId: match[2] };
}

/** The product id from a `/shop/product/<digits>` link. */
export const productIdIn = (url: URL) => PRODUCT_PATH.exec(url.pathname)?.[1];
