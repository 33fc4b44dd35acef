import { describe, expect, it } from 'vitest';
import { genericStructuredDataAdapter as generic } from '@/lib/page/sites/generic-structured-data';
import { toItemRef } from '@/lib/page/sites/item-ref';
import { fixture, page } from './fixture';

const read = (file: string, path = `/generic/${file}`) => {
  const { document, url } = fixture(`generic/${file}`, path);
  return { document, url, items: generic.findItems(document, url) };
};

describe('generic adapter: JSON-LD', () => {
  it('reads a Product from @graph with its offer, list price and referenced seller', () => {
    const { document, url, items } = read('json-ld-product.html');
    expect(generic.matches(url, document)).toBe(true);
    expect(items.map((item) => item.kind)).toEqual(['product', 'video']);
    expect(items[0]).toMatchObject({
      platform: '127.0.0.1',
      kind: 'product',
      itemId: 'EARBUDS-PRO-77',
      url: 'https://market-th.example/p/earbuds-pro-77',
      title: 'หูฟังไร้สาย Pro เสียงดี ของแท้ 100%',
      description: 'หูฟังบลูทูธ ตัดเสียงรบกวน #หูฟัง #ของแท้',
      hashtags: ['หูฟัง', 'ของแท้'],
      price: { amount: 1290, currency: 'THB', listAmount: 4990 },
      market: 'TH',
      creator: {
        id: 'somchai.deals',
        handle: 'somchai.deals',
        displayName: 'Somchai Deals Official',
      },
    });
    expect(items[0]?.element.tagName).toBe('H1');
  });

  it('reads a VideoObject and refuses javascript: URLs in it', () => {
    const [, video] = read('json-ld-product.html').items;
    expect(video).toMatchObject({
      kind: 'video',
      itemId: 'https://cdn.market-th.example/v/earbuds-pro-77.mp4',
      url: 'http://127.0.0.1:8080/generic/json-ld-product.html',
      title: 'Unboxing หูฟังไร้สาย Pro',
      market: 'TH',
      creator: { id: 'somchai.deals', handle: 'somchai.deals', displayName: 'Somchai' },
    });
    expect(JSON.stringify(video?.creator)).not.toContain('javascript');
  });

  it('reads a ProfilePage main entity as a profile, not the authors it mentions', () => {
    const { items } = read('json-ld-profile.html');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'profile',
      itemId: 'juan.gadgets',
      url: 'https://reviewhub.example/@juan.gadgets',
      title: 'Juan Gadgets PH',
      hashtags: ['giveaway'],
      market: 'PH',
      creator: { id: 'juan.gadgets', handle: 'juan.gadgets', displayName: 'Juan Gadgets PH' },
    });
  });

  it('tolerates malformed JSON-LD: repairs what it safely can, skips the rest', () => {
    const { items } = read('json-ld-malformed.html');
    expect(items.map((item) => item.itemId)).toEqual([
      'MAL-1',
      'MAL-2',
      'MAL-3',
      'https://videos.example/v/mal-4',
      'MAL-5',
      'MAL-6',
      'MAL-7',
    ]);
    const [one, two, three, four, five, six, seven] = items;
    expect(one).toMatchObject({
      description: 'First line second line',
      price: { amount: 49.9, currency: 'SGD' },
      market: 'SG',
    });
    expect(two).toMatchObject({
      title: 'Escaped &amp; encoded kit',
      price: { amount: 150000, currency: 'IDR' },
    });
    expect(three?.price).toEqual({ amount: 1299.5, currency: 'PHP' });
    expect(four).toMatchObject({
      kind: 'video',
      creator: { id: 'ana.reyes', handle: 'Ana Reyes' },
    });
    expect(five?.title).toBe('CDATA wrapped watch');
    expect(six?.title).toBeUndefined();
    expect(six?.price).toBeUndefined();
    expect(six?.url).toBe('http://127.0.0.1:8080/generic/json-ld-malformed.html');
    expect(seven?.price).toBeUndefined();
    expect(items.every((item) => toItemRef(item) !== undefined)).toBe(true);
  });
});

describe('generic adapter: microdata', () => {
  it('reads each Product item with its nested Offer and seller, anchored to its element', () => {
    const { items } = read('microdata-products.html');
    expect(items.map((item) => [item.kind, item.itemId])).toEqual([
      ['product', 'KO-1001'],
      ['product', 'KO-1002'],
      ['video', 'https://kedai.example/v/9001'],
    ]);
    expect(items[0]).toMatchObject({
      url: 'http://127.0.0.1:8080/generic/p/ko-1001',
      title: 'Beg tangan premium copy 1:1',
      description: 'Kualiti gred AAA, macam ori. #beg #murah',
      hashtags: ['beg', 'murah'],
      price: { amount: 89, currency: 'MYR' },
      market: 'MY',
      creator: { id: 'kedai.murah', handle: 'kedai.murah', displayName: 'Kedai Murah' },
    });
    expect(items[0]?.element.getAttribute('itemtype')).toBe('https://schema.org/Product');
    expect(items[1]?.price).toEqual({ amount: 35.9, currency: 'MYR' });
    expect(items[1]?.creator).toBeUndefined();
    expect(items[2]?.creator).toEqual({
      id: 'https://kedai.example/u/aina',
      handle: 'Aina',
      displayName: 'Aina',
    });
  });
});

describe('generic adapter: OpenGraph', () => {
  it('reads a product from OpenGraph tags when the page has no schema.org data', () => {
    const { items } = read('open-graph.html');
    expect(items).toEqual([
      expect.objectContaining({
        platform: '127.0.0.1',
        kind: 'product',
        itemId: 'KOPI-GAYO-250',
        url: 'https://tokokita.example/p/kopi-gayo-250',
        title: 'Kopi Gayo Arabika 250g',
        description: 'Kopi asli Aceh, sangrai segar setiap minggu #kopi',
        hashtags: ['kopi'],
        price: { amount: 150000, currency: 'IDR', listAmount: 185000 },
        market: 'ID',
      }),
    ]);
  });

  it('ignores article and website pages', () => {
    const { document, url } = page(
      '<head><meta property="og:type" content="article"><meta property="og:title" content="News"></head><body></body>',
    );
    expect(generic.matches(url, document)).toBe(true);
    expect(generic.findItems(document, url)).toEqual([]);
  });
});

describe('generic adapter: never throws', () => {
  it.each([
    ['no structured data', '<p>hello</p>'],
    ['empty document', ''],
    [
      'deep microdata',
      `${'<div itemscope itemtype="https://schema.org/Product" itemprop="isRelatedTo">'.repeat(200)}`,
    ],
    [
      'hostile og url',
      '<meta property="og:type" content="product"><meta property="og:url" content="javascript:alert(1)">',
    ],
    [
      'JSON-LD of nulls',
      '<script type="application/ld+json">null</script><script type="application/ld+json">[[[[]]]]</script>',
    ],
    [
      'cyclic references',
      '<script type="application/ld+json">{"@graph":[{"@id":"#a","@type":"Product","sku":"1","offers":{"@id":"#a"}}]}</script>',
    ],
  ])('%s', (_name, html) => {
    const { document, url } = page(`<html><head></head><body>${html}</body></html>`);
    expect(() => generic.matches(url, document)).not.toThrow();
    expect(() => generic.findItems(document, url)).not.toThrow();
    for (const item of generic.findItems(document, url)) {
      expect(item.url.startsWith('http')).toBe(true);
    }
  });
});
