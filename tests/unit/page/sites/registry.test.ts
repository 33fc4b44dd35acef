import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor, adaptersFor } from '@/lib/page/sites/registry';
import type { SiteAdapter } from '@/lib/page/sites/types';
import { fileForPath } from '../../../fixtures/server';
import { fixture, page } from './fixture';

// Every fixture page, at the URL the fixture server serves it, and the adapter that reads it.
const PAGES: [path: string, adapter: string, minItems: number][] = [
  ['/foryou', 'platform-feed', 10],
  ['/tag/hostile', 'platform-feed', 5],
  ['/@lena.glow/video/7301234567890123456', 'platform-video', 1],
  ['/@kedai.murah/live', 'platform-live', 3],
  ['/@lena.glow', 'platform-profile', 7],
  ['/shop/product/1729384756102938475', 'platform-product', 4],
  ['/shop/product/1729384756102938490', 'platform-product', 1],
  ['/generic/json-ld-product.html', 'generic-structured-data', 2],
  ['/generic/json-ld-malformed.html', 'generic-structured-data', 7],
  ['/generic/json-ld-profile.html', 'generic-structured-data', 1],
  ['/generic/microdata-products.html', 'generic-structured-data', 3],
  ['/generic/open-graph.html', 'generic-structured-data', 1],
];

describe('registry', () => {
  it.each(PAGES)('%s is read by %s', (path, adapterId, minItems) => {
    const file = fileForPath(path);
    expect(file).toBeDefined();
    const { document, url } = fixture(file ?? '', path);
    const adapter = adapterFor(url, document);
    expect(adapter?.id).toBe(adapterId);
    expect(adapter?.findItems(document, url).length).toBeGreaterThanOrEqual(minItems);
  });

  it('orders built-in adapters first and the generic adapter last', () => {
    expect(ADAPTERS.map((adapter) => adapter.id)).toEqual([
      'platform-video',
      'platform-live',
      'platform-product',
      'platform-profile',
      'platform-feed',
      'generic-structured-data',
    ]);
    // The video page also carries OpenGraph tags: both match, the specific one wins.
    const { document, url } = fixture(
      'video/7301234567890123456.html',
      '/@lena.glow/video/7301234567890123456',
    );
    expect(adaptersFor(url, document).map((adapter) => adapter.id)).toEqual([
      'platform-video',
      'generic-structured-data',
    ]);
  });

  it('claims nothing on a page it cannot read, and survives an adapter that throws', () => {
    const index = fixture('index.html', '/');
    expect(adapterFor(index.url, index.document)).toBeUndefined();
    const broken: SiteAdapter = {
      id: 'broken',
      matches: () => {
        throw new Error('boom');
      },
      findItems: () => [],
    };
    const { document, url } = page('<meta property="og:type" content="product">');
    expect(adapterFor(url, document, [broken])?.id).toBe('generic-structured-data');
  });
});

describe('fixture server routes', () => {
  it.each([
    ['/foryou', 'feed.html'],
    ['/following', 'feed.html'],
    ['/tag/hostile', 'hostile.html'],
    ['/@lena.glow', 'profile/lena.glow.html'],
    ['/@kedai.murah/live', 'live/kedai.murah.html'],
    ['/@lena.glow/video/7301234567890123456', 'video/7301234567890123456.html'],
    ['/shop/product/1729384756102938475', 'product/1729384756102938475.html'],
    ['/generic/open-graph.html', 'generic/open-graph.html'],
    ['/', 'index.html'],
  ])('%s -> %s', (path, file) => expect(fileForPath(path)).toBe(file));

  it('refuses paths outside the pages folder', () => {
    // Normalised against the root: it names pages/server.ts, which does not exist.
    for (const path of ['/../server.ts', '/%2e%2e/%2e%2e/server.ts', '/a/../../x']) {
      expect(fileForPath(path)).not.toMatch(/^\.\./);
    }
    expect(fileForPath('/%E0%A4%A')).toBeUndefined();
    expect(fileForPath('/@..')).not.toMatch(/^profile/);
  });
});
