/**
 * The wire format's plain values, without Zod: enumerations, keys and limits that the
 * content script needs on every page. records.ts builds its schemas from these, so the two
 * cannot drift; the content script imports this file alone and stays small (it never loads
 * a schema: the background validates everything it sends, see lib/messaging/client.ts).
 */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONTENT_KINDS = ['video', 'live', 'product', 'profile', 'comment'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const MARKETS = ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'] as const;
export type Market = (typeof MARKETS)[number];

export const isMarket = (value: string | undefined): value is Market =>
  (MARKETS as readonly string[]).includes(value ?? '');

/** A lower-case platform name such as "shopvid". */
export const PLATFORM_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;

/** Lengths the wire format allows for what is read off a page. */
export const ITEM_LIMITS = {
  platform: 64,
  itemId: 256,
  url: 2048,
  creatorId: 256,
  handle: 256,
  displayName: 256,
  title: 1000,
} as const;

/** Stable keys used to index items and creators across the extension and the server. */
export const itemKey = (ref: { platform: string; itemId: string }) =>
  `${ref.platform}:${ref.itemId}`;
export const creatorKey = (ref: { platform: string; creatorId: string }) =>
  `${ref.platform}:${ref.creatorId}`;

/** Escalation categories (issue 16); escalations.ts builds its schemas from these. */
export const ESCALATION_CATEGORIES = [
  'child_safety',
  'violence_threat',
  'self_harm',
  'dangerous_product',
  'scam_wave',
  'other',
] as const;
/** A lead's decision on an escalation. */
export const RESOLUTION_DECISIONS = ['actioned', 'no_violation', 'referred'] as const;
export const MAX_ESCALATION_REASON = 2000;
export const MAX_ESCALATION_EVIDENCE = 8;
