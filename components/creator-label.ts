/**
 * A creator as a person reads it, never as the store's key ("shopvid:lena"): the handle
 * when one is known ("@lena"), else the creator id with the platform's display name in the
 * UI language's pattern ("lena · ShopVid").
 */
import type { Translate } from '@/lib/i18n/keys';

/** Platforms' names as they write them; another platform reads as its id, capitalised. */
const PLATFORM_NAMES: Record<string, string> = { shopvid: 'ShopVid' };

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform.charAt(0).toUpperCase() + platform.slice(1);
}

export interface CreatorNaming {
  platform: string;
  creatorId: string;
  handle?: string | undefined;
}

/** "@lena" when the handle is known, else "lena · ShopVid" (the language's pattern). */
export function creatorLabel(creator: CreatorNaming, t: Translate): string {
  if (creator.handle) return `@${creator.handle}`;
  return t('creatorOnPlatform', [creator.creatorId, platformName(creator.platform)]);
}

/**
 * The platform and creator id in a creator key (`platform:creatorId`, the platform first:
 * platform names have no colon, creator ids may). Throws on a string that is not a key.
 */
export function parseCreatorKey(key: string): { platform: string; creatorId: string } {
  const at = key.indexOf(':');
  if (at <= 0 || at === key.length - 1)
    throw new Error(`"${key.slice(0, 80)}" is not a creator key (platform:creatorId)`);
  return { platform: key.slice(0, at), creatorId: key.slice(at + 1) };
}

/** A creator key's readable label (see creatorLabel). */
export function creatorKeyLabel(key: string, t: Translate, handle?: string): string {
  return creatorLabel({ ...parseCreatorKey(key), handle }, t);
}
