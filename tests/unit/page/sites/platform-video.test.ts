import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toCreator, toItemRef } from '@/lib/page/sites/item-ref';
import { platformVideoAdapter } from '@/lib/page/sites/platform-video';
import { adapterFor } from '@/lib/page/sites/registry';

const html = readFileSync('tests/fixtures/pages/video/7301234567890123456.html', 'utf8');
const url = new URL('http://127.0.0.1:8080/@lena.glow/video/7301234567890123456');

describe('platform video adapter', () => {
  it('reads the item id, creator and description from the fixture page', () => {
    const { document } = parseHTML(html);
    expect(adapterFor(url, document)?.id).toBe('platform-video');
    const [item, ...rest] = platformVideoAdapter.findItems(document, url);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      platform: 'shopvid',
      kind: 'video',
      itemId: '7301234567890123456',
      url: 'http://127.0.0.1:8080/@lena.glow/video/7301234567890123456',
      creator: { id: 'lena.glow', handle: 'lena.glow', displayName: 'Lena Glow Beauty' },
      hashtags: ['skincare', 'glowup'],
    });
    expect(item?.description).toContain('cleared my skin in 3 days');
    expect(item?.element.getAttribute('data-e2e')).toBe('video-detail');
    expect(item && toItemRef(item)).toMatchObject({ creatorId: 'lena.glow' });
    expect(item && toCreator(item)).toEqual({
      platform: 'shopvid',
      creatorId: 'lena.glow',
      handle: 'lena.glow',
      displayName: 'Lena Glow Beauty',
    });
  });

  it('does not claim pages that are not video pages', () => {
    const { document } = parseHTML(html);
    expect(platformVideoAdapter.matches(new URL('http://127.0.0.1/@lena.glow'), document)).toBe(
      false,
    );
    const { document: empty } = parseHTML('<html><body><p>hello</p></body></html>');
    expect(platformVideoAdapter.matches(url, empty)).toBe(false);
  });

  it('keeps hostile text as text and clips it to the wire limits', () => {
    const { document } = parseHTML(
      `<html><body><div data-e2e="video-detail"><h3 data-e2e="video-author-uniqueid">@${'x'.repeat(400)}</h3><h1 data-e2e="browse-video-desc">&lt;img src=x onerror=alert(1)&gt; ${'y'.repeat(3000)}</h1></div></body></html>`,
    );
    const [item] = platformVideoAdapter.findItems(document, url);
    expect(item?.description?.startsWith('<img src=x onerror=alert(1)>')).toBe(true);
    // An id longer than the wire format allows cannot be clipped (it would name another
    // creator): the item is dropped rather than stored under a wrong id.
    expect(item && toItemRef(item)).toBeUndefined();
    const withShortHandle = item && { ...item, creator: { id: 'x', handle: 'x'.repeat(400) } };
    const ref = withShortHandle && toItemRef(withShortHandle);
    expect(ref?.title?.length).toBe(1000);
    expect(ref?.creatorHandle?.length).toBe(256);
  });
});
