import { describe, expect, it } from 'vitest';
import { toItemRef } from '@/lib/page/sites/item-ref';
import { platformFeedAdapter } from '@/lib/page/sites/platform-feed';
import { fixture } from './fixture';

describe('platform feed adapter', () => {
  it('reads every card of the feed as its own video item', () => {
    const { document, url } = fixture('feed.html', '/foryou');
    expect(platformFeedAdapter.matches(url, document)).toBe(true);
    const items = platformFeedAdapter.findItems(document, url);
    expect(items).toHaveLength(10);
    expect(new Set(items.map((item) => item.element)).size).toBe(10);
    expect(items[0]).toMatchObject({
      platform: 'shopvid',
      kind: 'video',
      itemId: '7301234567890123456',
      url: 'http://127.0.0.1:8080/@lena.glow/video/7301234567890123456',
      creator: { id: 'lena.glow', handle: 'lena.glow', displayName: 'Lena Glow Beauty' },
      hashtags: ['skincare', 'glowup'],
      engagement: { likes: 12400, comments: 318, shares: 77 },
    });
    expect(items[0]?.description).toBe(
      'My honest glow serum review, it cleared my skin in 3 days! Order now, limited stock #skincare #glowup',
    );
    expect(items[0]?.element.getAttribute('data-e2e')).toBe('recommend-list-item-container');
    expect(items[2]?.hashtags).toEqual(['รีวิว', 'หูฟัง']);
    expect(items[3]?.creator?.displayName).toBe('Thu Mỹ Phẩm');
    expect(items.every((item) => toItemRef(item) !== undefined)).toBe(true);
  });

  it('picks up cards appended later, as the lazy feed adds them', () => {
    const { document, url } = fixture('feed.html', '/foryou');
    const list = document.querySelector('[data-e2e="feed-list"]');
    const first = document.querySelector('[data-e2e="recommend-list-item-container"]');
    const copy = first?.cloneNode(true) as Element;
    copy.querySelector('a[data-e2e="video-link"]')?.setAttribute('href', '/@lena.glow/video/42');
    list?.append(copy);
    const items = platformFeedAdapter.findItems(document, url);
    expect(items).toHaveLength(11);
    expect(items[10]).toMatchObject({ itemId: '42', element: copy });
  });

  it('matches feed URLs with cards only', () => {
    const { document } = fixture('feed.html', '/foryou');
    for (const path of ['/', '/foryou', '/following', '/explore', '/tag/skincare']) {
      expect(platformFeedAdapter.matches(new URL(path, 'https://shopvid.example'), document)).toBe(
        true,
      );
    }
    expect(
      platformFeedAdapter.matches(new URL('https://shopvid.example/@lena.glow'), document),
    ).toBe(false);
    const index = fixture('index.html', '/');
    expect(platformFeedAdapter.matches(index.url, index.document)).toBe(false);
  });
});

describe('hostile feed', () => {
  const { document, url } = fixture('hostile.html', '/tag/hostile');
  const items = platformFeedAdapter.findItems(document, url);

  it('keeps markup, scripts and CSS typed by creators as plain text', () => {
    expect(items.map((item) => item.itemId)).toEqual([
      '7309000000000000001',
      '7309000000000000002',
      '7309000000000000003',
      '7309000000000000004',
      '7309000000000000005',
    ]);
    expect(items[0]?.creator).toEqual({
      id: '<script>alert("handle")</script>',
      handle: '<script>alert("handle")</script>',
      displayName: '<img src=x onerror=alert(1)>',
    });
    expect(items[0]?.description).toContain('<img src=x onerror="alert(document.domain)">');
    expect(items[1]?.description).toContain(
      '}</style><style>body{background:red!important}</style>',
    );
    expect(items[2]?.description).toContain('<a href="javascript:alert(1)">here</a>');
    expect(items[3]?.description).toContain('&amp; &lt;b&gt;not bold&lt;/b&gt;');
    expect(items[4]?.description?.length).toBeGreaterThan(5000);
    // Nothing the page typed became an element of its own.
    expect(document.querySelectorAll('script, img, svg, style')).toHaveLength(0);
  });

  it('skips cards whose link is javascript: or points at another site', () => {
    const handles = items.map((item) => item.creator?.handle);
    expect(handles).not.toContain('no.id');
    expect(handles).not.toContain('offsite');
    expect(items.every((item) => item.url.startsWith('http://127.0.0.1:8080/@'))).toBe(true);
  });
});
