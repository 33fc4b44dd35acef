import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  creatorKeyLabel,
  creatorLabel,
  parseCreatorKey,
  platformName,
} from '@/components/creator-label';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';

const translator = (lang: string): Translate => {
  const templates = templatesFromCatalogue(
    JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')),
  );
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};

describe('creator labels', () => {
  it('reads the handle when it is known', () => {
    const t = translator('en');
    expect(creatorLabel({ platform: 'shopvid', creatorId: 'u123', handle: 'lena' }, t)).toBe(
      '@lena',
    );
    expect(creatorKeyLabel('shopvid:u123', t, 'lena')).toBe('@lena');
  });

  it.each(['en', 'th', 'vi', 'id', 'ms', 'fil'])(
    'without a handle, reads the id and the platform’s name in %s, never the key',
    (lang) => {
      const label = creatorKeyLabel('shopvid:lena', translator(lang));
      expect(label).toBe('lena · ShopVid');
      expect(label).not.toContain('shopvid:');
    },
  );

  it('keeps a creator id that has a colon of its own', () => {
    expect(parseCreatorKey('shopvid:a:b')).toEqual({ platform: 'shopvid', creatorId: 'a:b' });
    expect(creatorKeyLabel('shopvid:a:b', translator('en'))).toBe('a:b · ShopVid');
  });

  it('names a platform it has no name for by its id, capitalised', () => {
    expect(platformName('shopvid')).toBe('ShopVid');
    expect(platformName('clipmart')).toBe('Clipmart');
  });

  it.each(['lena', ':lena', 'shopvid:', ''])('refuses %j as a creator key', (key) => {
    expect(() => parseCreatorKey(key)).toThrow('is not a creator key (platform:creatorId)');
  });
});
