import { describe, expect, it } from 'vitest';
import { platformLiveAdapter } from '@/lib/page/sites/platform-live';
import { platformProfileAdapter } from '@/lib/page/sites/platform-profile';
import { fixture, page } from './fixture';

describe('platform profile adapter', () => {
  const { document, url } = fixture('profile/lena.glow.html', '/@lena.glow');

  it('reads the creator header as a profile item', () => {
    expect(platformProfileAdapter.matches(url, document)).toBe(true);
    const [profile] = platformProfileAdapter.findItems(document, url);
    expect(profile).toMatchObject({
      platform: 'shopvid',
      kind: 'profile',
      itemId: 'lena.glow',
      url: 'http://127.0.0.1:8080/@lena.glow',
      creator: { id: 'lena.glow', handle: 'lena.glow', displayName: 'Lena Glow Beauty' },
      title: 'Lena Glow Beauty',
      hashtags: ['skincare', 'beauty'],
      engagement: { followers: 1200000, likes: 18400000 },
    });
    expect(profile?.description).toContain('WhatsApp +60 12-345 6789');
    expect(profile?.element.getAttribute('data-e2e')).toBe('user-page-header');
  });

  it('reads each grid video as a video item by the profile creator', () => {
    const [, ...videos] = platformProfileAdapter.findItems(document, url);
    expect(videos).toHaveLength(6);
    expect(videos[0]).toMatchObject({
      kind: 'video',
      itemId: '7301234567890123456',
      url: 'http://127.0.0.1:8080/@lena.glow/video/7301234567890123456',
      creator: { id: 'lena.glow', handle: 'lena.glow', displayName: 'Lena Glow Beauty' },
      hashtags: ['skincare', 'glowup'],
      engagement: { views: 48100 },
    });
    expect(videos[2]?.description).toBe(
      'Whitening cream that works overnight, no side effects guaranteed #whitening',
    );
    expect(videos[3]?.engagement).toEqual({ views: 9804 });
    expect(
      videos.every((video) => video.element.getAttribute('data-e2e') === 'user-post-item'),
    ).toBe(true);
  });

  it('needs the profile hooks and a profile URL', () => {
    expect(
      platformProfileAdapter.matches(new URL('http://127.0.0.1/@lena.glow/live'), document),
    ).toBe(false);
    const empty = page('<main><h1>Not found</h1></main>', '/@nobody');
    expect(platformProfileAdapter.matches(empty.url, empty.document)).toBe(false);
  });
});

describe('platform live adapter', () => {
  const { document, url } = fixture('live/kedai.murah.html', '/@kedai.murah/live');

  it('reads one live item for the room', () => {
    expect(platformLiveAdapter.matches(url, document)).toBe(true);
    const items = platformLiveAdapter.findItems(document, url);
    expect(items.filter((item) => item.kind === 'live')).toHaveLength(1);
    expect(items[0]).toMatchObject({
      platform: 'shopvid',
      kind: 'live',
      itemId: '7391122334455667788',
      url: 'http://127.0.0.1:8080/@kedai.murah/live',
      creator: { id: 'kedai.murah', handle: 'kedai.murah', displayName: 'Kedai Murah MY' },
      title: 'Flash sale beg premium copy 1:1 🔥 harga borong malam ini #flashsale #beg',
      hashtags: ['flashsale', 'beg'],
      engagement: { viewers: 2400, likes: 15700 },
    });
    expect(items[0]?.description).toContain('WhatsApp 012-345 6789');
    expect(items[0]?.element.getAttribute('data-e2e')).toBe('live-room');
  });

  it('reads the products in the shopping bag, with prices', () => {
    const [, ...products] = platformLiveAdapter.findItems(document, url);
    expect(products).toHaveLength(2);
    expect(products[0]).toMatchObject({
      kind: 'product',
      itemId: '1729000000000000101',
      url: 'http://127.0.0.1:8080/shop/product/1729000000000000101',
      title: 'Beg tangan LV premium copy 1:1',
      price: { amount: 89, currency: 'MYR', listAmount: 6800 },
      market: 'MY',
    });
    expect(products[1]?.price).toEqual({ amount: 35.9, currency: 'MYR' });
  });

  it('falls back to the host handle when the room has no id', () => {
    const bare = page('<div><h1 data-e2e="live-room-title">Live now</h1></div>', '/@someone/live');
    const [room] = platformLiveAdapter.findItems(bare.document, bare.url);
    expect(room).toMatchObject({ itemId: 'someone', creator: { id: 'someone' } });
  });
});
