/**
 * The generic adapter on pages modelled on real shops (tests/fixtures/pages/shops): each
 * product read once, placed where the page shows it, variants as one item, the page's
 * country as the item's market. Placement that needs the shop's CSS (a heading hidden by a
 * class) is checked by geometry in tests/e2e/shop-pages.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { genericStructuredDataAdapter as generic } from '@/lib/page/sites/generic-structured-data';
import { toItemRef } from '@/lib/page/sites/item-ref';
import { fixture, page } from './fixture';

const read = (file: string) => {
  const { document, url } = fixture(`shops/${file}`, `/shops/${file}`);
  return { document, items: generic.findItems(document, url) };
};

describe('shop pages: placement', () => {
  it('skips a breadcrumb heading for the product name shown below it', () => {
    const { items } = read('breadcrumb-heading.html');
    expect(items.map((item) => item.itemId)).toEqual(['SS-TR2']);
    expect(items[0]?.element.className).toBe('product-name');
  });

  it('skips headings hidden by markup (hidden, aria-hidden, inline display: none)', () => {
    const { document, url } = page(`<html><head>
      <script type="application/ld+json">{"@type":"Product","name":"Desk Lamp","sku":"L-1"}</script>
      </head><body>
      <div hidden><h1>Desk Lamp</h1></div>
      <div aria-hidden="true"><h1>Desk Lamp</h1></div>
      <div style="display: none"><h1>Desk Lamp</h1></div>
      <h1 id="shown">Desk Lamp</h1></body></html>`);
    expect(generic.findItems(document, url)[0]?.element.id).toBe('shown');
  });

  it('reads a microdata Product with itemprop and no enclosing item as top-level', () => {
    const { items } = read('microdata-itemprop.html');
    expect(items.map((item) => item.itemId)).toEqual(['KK-BAWAL-01', 'KK-SHAWL-02', 'KK-INNER-03']);
    expect(items[0]).toMatchObject({
      title: 'Tudung Bawal Premium',
      price: { amount: 29.9, currency: 'MYR' },
      market: 'MY',
    });
    expect(items[0]?.element.className).toBe('main-product');
    // Each card on its own spot; the nameless ad beacon is no item.
    expect(new Set(items.map((item) => item.element)).size).toBe(3);
    expect(JSON.stringify(items.map((item) => item.itemId))).not.toContain('beacon');
  });

  it('joins 14 variants named after one product into one item on its heading', () => {
    const { items } = read('variants.html');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'product',
      itemId: 'ET-BLACK-S',
      title: 'Everyday Tee - Black / S',
      price: { amount: 24, currency: 'SGD' },
    });
    expect(items[0]?.element.tagName).toBe('H1');
  });

  it('joins variants listed by a ProductGroup under the group id', () => {
    const { document, url } = page(`<html><head><script type="application/ld+json">
      {"@type":"ProductGroup","productGroupID":"TEE-GROUP","name":"Linen Shirt","description":"Breathable linen.",
       "hasVariant":[
         {"@type":"Product","sku":"TEE-S","name":"Linen Shirt S","offers":{"@type":"Offer","price":"30","priceCurrency":"MYR","sku":"TEE-S"}},
         {"@type":"Product","sku":"TEE-M","name":"Linen Shirt M","offers":{"@type":"Offer","price":"32","priceCurrency":"MYR"}}]}
      </script><script type="application/ld+json">
      {"@type":"Product","sku":"TEE-L","name":"Linen Shirt L","inProductGroupWithID":"TEE-GROUP"}
      </script></head><body><h1>Linen Shirt</h1></body></html>`);
    const items = generic.findItems(document, url);
    expect(items.map((item) => item.itemId)).toEqual(['TEE-GROUP']);
    expect(items[0]).toMatchObject({
      title: 'Linen Shirt',
      description: 'Breathable linen.',
      price: { amount: 30, currency: 'MYR' },
    });
  });

  it('takes the name element of a microdata Product of zero size (a div of metas) elsewhere on the page', () => {
    const { items } = read('empty-container.html');
    expect(items.map((item) => item.itemId)).toEqual(['DN-ROA-200']);
    expect(items[0]?.element.className).toBe('title');
  });

  it('takes the visible name inside a Product that wraps the whole page', () => {
    const { items } = read('page-wrapper.html');
    expect(items.map((item) => item.itemId)).toEqual(['BV-NCKD-5L']);
    expect(items[0]?.element.tagName).toBe('H1');
    expect(items[0]?.market).toBe('VN');
  });

  it('puts the only item of a page with no heading and no main content on its body', () => {
    const { document, items } = read('no-heading.html');
    expect(items.map((item) => item.itemId)).toEqual(['SD-UMB-UVPRO']);
    expect(items[0]?.element).toBe(document.body);
  });

  it('puts embedded videos on their players, not on the headline', () => {
    const { items } = read('article-videos.html');
    expect(items.map((item) => [item.kind, item.itemId])).toEqual([
      ['video', 'https://video.example/embed/phone-a'],
      ['video', 'https://video.example/embed/phone-b'],
    ]);
    expect(items.map((item) => item.element.tagName)).toEqual(['IFRAME', 'IFRAME']);
  });

  it('never puts two items on one element', () => {
    for (const file of [
      'breadcrumb-heading.html',
      'microdata-itemprop.html',
      'variants.html',
      'article-videos.html',
      'lowercase-type.html',
      'ticking.html',
    ]) {
      const { items } = read(file);
      expect(new Set(items.map((item) => item.element)).size, file).toBe(items.length);
    }
  });
});

describe('shop pages: what is read', () => {
  it('reads "@type": "product" in lower case with its offer, SKU and seller', () => {
    const { items } = read('lowercase-type.html');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'product',
      itemId: 'GMY-PB20K',
      url: 'https://gadget.example/p/power-bank-20k?colour=black',
      price: { amount: 79, currency: 'MYR' },
      creator: { id: 'gadgetmy', handle: 'gadgetmy', displayName: 'GadgetMY Official' },
      market: 'MY',
    });
  });

  it('drops tracking parameters from an id that is a URL', () => {
    const { document, url } = page(`<html><head><script type="application/ld+json">
      {"@type":"Product","@id":"https://shop.example/p/9?utm_source=x&gclid=y&size=m#product","name":"Cap"}
      </script></head><body><h1>Cap</h1></body></html>`);
    expect(generic.findItems(document, url)[0]?.itemId).toBe(
      'https://shop.example/p/9?size=m#product',
    );
  });

  it('gives a European shop its own country, so checks for the six markets skip it', () => {
    const { items } = read('price-date.html');
    expect(items[0]).toMatchObject({ itemId: 'BL-RS-30', market: 'DE' });
    // Stored references keep only the six markets.
    expect(toItemRef(items[0]!)?.market).toBeUndefined();
  });

  it('reads the ticking page once: its countdowns are not structured data', () => {
    const { document, items } = read('ticking.html');
    expect(items.map((item) => item.itemId)).toEqual(['SSG-NC700']);
    const counters = [...document.querySelectorAll('.countdown')];
    for (const counter of counters) {
      const text = counter.firstChild;
      expect(text && generic.mayChange?.(text)).toBe(false);
      expect(generic.mayChange?.(counter)).toBe(false);
    }
    // The price's own text is a property value: its change is read again.
    const price = document.querySelector('[itemprop="price"]');
    expect(price?.firstChild && generic.mayChange?.(price.firstChild)).toBe(true);
    const block = document.querySelector('script[type="application/ld+json"]');
    expect(block?.firstChild && generic.mayChange?.(block.firstChild)).toBe(true);
  });
});

describe('shop pages: a hidden copy of the name first', () => {
  it('passes over an exact-name heading hidden by markup to the shown one', () => {
    const { document, url } = page(`<html><head>
      <script type="application/ld+json">{"@type":"Product","name":"Kettle 1.7L","sku":"K-17"}</script>
      </head><body><div class="sticky" hidden><h1>Kettle 1.7L</h1></div>
      <img src="/k.png" alt=""><h1 id="title">Kettle 1.7L</h1></body></html>`);
    expect(generic.findItems(document, url)[0]?.element.id).toBe('title');
  });
});
