import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeclarativeAdapters } from '@/lib/page/sites/declarative-import';
import { adapterFor } from '@/lib/page/sites/registry';
import { fixture, page } from './fixture';

// The content script names repeated items with `identify` (cheap, for every card) and reads
// them with `read` (only near the viewport). On every fixture page the two must agree, and
// together give exactly what findItems gives.
const pages: Array<[string, string]> = [
  ['feed.html', '/foryou'],
  ['profile/lena.glow.html', '/@lena.glow'],
  ['console/review-queue.html', '/console/review-queue.html'],
];
const consoleSpec = JSON.parse(readFileSync('tests/fixtures/pages/console/adapters.json', 'utf8'));

describe('repeated items: identify agrees with read', () => {
  it.each(pages)('%s', (file, path) => {
    const { document, url } = fixture(file, path);
    const parsed = parseDeclarativeAdapters(consoleSpec, document);
    const adapter = adapterFor(url, document, parsed.ok ? parsed.adapters : []);
    const repeated = adapter?.repeated;
    expect(repeated).toBeDefined();
    if (!adapter || !repeated) return;
    const elements = [...document.querySelectorAll(repeated.selector)];
    expect(elements.length).toBeGreaterThanOrEqual(3);
    for (const element of elements) {
      const read = repeated.read(element, url, document);
      expect(repeated.identify(element, url)).toEqual(
        read ? { platform: read.platform, itemId: read.itemId } : undefined,
      );
    }
    const single = adapter.singleItems?.(document, url) ?? [];
    const lazily = [
      ...single,
      ...elements.flatMap((e) => repeated.read(e, url, document) ?? []),
    ].map((item) => item.itemId);
    expect(lazily).toEqual(adapter.findItems(document, url).map((item) => item.itemId));
  });

  it('identify names no item for links to other sites or without a video id', () => {
    const { document, url } = page(
      `<div data-e2e="recommend-list-item-container"><a href="https://evil.example/@x/video/1">x</a></div>
       <div data-e2e="recommend-list-item-container"><a href="/@x/video/">x</a></div>
       <div data-e2e="recommend-list-item-container"><a href="${'http://127.0.0.1:8080'}/@x/video/77?lang=th#c">x</a></div>`,
      '/foryou',
    );
    const repeated = adapterFor(url, document)?.repeated;
    const ids = [...document.querySelectorAll(repeated?.selector ?? 'none')].map((e) =>
      repeated?.identify(e, url),
    );
    expect(ids).toEqual([undefined, undefined, { platform: 'shopvid', itemId: '77' }]);
  });
});
