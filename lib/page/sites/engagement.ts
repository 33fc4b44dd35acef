/** Engagement counts as the platform abbreviates them: "318", "12.4K", "1.2M", "3,401". */
import { textOf } from './dom-text';
import type { ContentEngagement } from './types';

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

export function parseCount(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /(\d[\d,]*(?:\.\d+)?)\s*([kmb])?/i.exec(text.slice(0, 64));
  if (!match?.[1]) return undefined;
  const value = Number(match[1].replace(/,/g, ''));
  const scale = match[2] ? (SCALE[match[2].toLowerCase()] ?? 1) : 1;
  const count = Math.round(value * scale);
  return Number.isSafeInteger(count) ? count : undefined;
}

/** The counts found under `root`, one hook per count; undefined when the page shows none. */
export function readEngagement(
  root: ParentNode,
  hooks: Partial<Record<keyof ContentEngagement, string>>,
): ContentEngagement | undefined {
  const engagement: ContentEngagement = {};
  for (const [key, selector] of Object.entries(hooks) as [keyof ContentEngagement, string][]) {
    const count = parseCount(textOf(root, selector));
    if (count !== undefined) engagement[key] = count;
  }
  return Object.keys(engagement).length > 0 ? engagement : undefined;
}

export const CARD_COUNTS = {
  likes: '[data-e2e="like-count"]',
  comments: '[data-e2e="comment-count"]',
  shares: '[data-e2e="share-count"]',
  views: '[data-e2e="video-views"]',
} as const;
