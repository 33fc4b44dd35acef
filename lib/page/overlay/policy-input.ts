/**
 * From a content item to what the background's policy engine checks. Field names are the
 * ones the pack's rules and the evidence spans use, so the evidence the background returns
 * indexes exactly the strings built here (see evidence-ranges.ts).
 *
 * Type-only import of the engine's shape: the engine itself runs in the background and
 * must never be bundled into the content script.
 */

import type { ContentItem } from '@/lib/page/sites/types';
import type { PolicyInput } from '@/lib/shared/policy/types';

/** The wire limits of `items.evaluate` (lib/messaging/message-map.ts). */
const MAX_FIELD = 20_000;
const MAX_HASHTAGS = 100;
const MAX_HASHTAG = 200;

export const FIELD_TITLE = 'title';
export const FIELD_DESCRIPTION = 'description';
export const FIELD_HANDLE = 'creator.handle';
export const FIELD_DISPLAY_NAME = 'creator.displayName';

const clip = (text: string | undefined) =>
  text === undefined || text === '' ? undefined : text.slice(0, MAX_FIELD);

/** The texts of an item by field name, as sent (clipped to the wire limits). */
export function fieldTexts(item: ContentItem): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (name: string, value: string | undefined) => {
    const clipped = clip(value);
    if (clipped) fields[name] = clipped;
  };
  put(FIELD_TITLE, item.title);
  put(FIELD_DESCRIPTION, item.description);
  put(FIELD_HANDLE, item.creator?.handle);
  put(FIELD_DISPLAY_NAME, item.creator?.displayName);
  return fields;
}

const finiteNonNegative = (n: number | undefined) =>
  n !== undefined && Number.isFinite(n) && n >= 0;

export function policyInputOf(item: ContentItem): PolicyInput {
  const input: PolicyInput = { fields: fieldTexts(item) };
  if (item.market) input.market = item.market;
  const hashtags = item.hashtags
    .filter((tag) => tag.length > 0 && tag.length <= MAX_HASHTAG)
    .slice(0, MAX_HASHTAGS);
  if (hashtags.length > 0) input.hashtags = hashtags;
  const price = item.price;
  if (price && finiteNonNegative(price.amount) && /^[A-Z]{3}$/.test(price.currency)) {
    input.price = { amount: price.amount, currency: price.currency };
    if (finiteNonNegative(price.listAmount)) input.price.listAmount = price.listAmount;
  }
  return input;
}

/** A stable signature of the input: equal inputs need no second evaluation. */
export const inputSignature = (input: PolicyInput) => JSON.stringify(input);
