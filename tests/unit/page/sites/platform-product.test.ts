import { describe, expect, it } from 'vitest';
import { toCreator, toItemRef } from '@/lib/page/sites/item-ref';
import { platformProductAdapter } from '@/lib/page/sites/platform-product';
import { fixture, page } from './fixture';

describe('platform product adapter', () => {
  it('reads title, price, list price, currency, seller and market', () => {
    const { document, url } = fixture(
      'product/1729384756102938475.html',
      '/shop/product/1729384756102938475',
    );
    expect(platformProductAdapter.matches(url, document)).toBe(true);
    const [product] = platformProductAdapter.findItems(document, url);
    expect(product).toMatchObject({
      platform: 'shopvid',
      kind: 'product',
      itemId: '1729384756102938475',
      url: 'http://127.0.0.1:8080/shop/product/1729384756102938475',
      title: 'Glow Serum 30ml, clears acne in 3 days (100% guaranteed)',
      price: { amount: 1299, currency: 'MYR', listAmount: 3999 },
      market: 'MY',
      creator: { id: 'lena.glow', handle: 'lena.glow', displayName: 'Lena Glow Official Store' },
      hashtags: ['skincare', 'serum'],
      engagement: { likes: 4210 },
    });
    expect(product?.description).toBe(
      'Clinically proven to cure acne and eczema in 3 days. Original product, ships from Kuala Lumpur. #skincare #serum',
    );
    expect(product?.element.getAttribute('data-e2e')).toBe('product-detail');
    expect(product && toItemRef(product)).toMatchObject({ market: 'MY', creatorId: 'lena.glow' });
    expect(product && toCreator(product)?.displayName).toBe('Lena Glow Official Store');
  });

  it('reads the recommended products beneath as their own items', () => {
    const { document, url } = fixture(
      'product/1729384756102938475.html',
      '/shop/product/1729384756102938475',
    );
    const [, ...more] = platformProductAdapter.findItems(document, url);
    expect(more.map((item) => [item.itemId, item.title, item.price])).toEqual([
      [
        '1729384756102938476',
        'Glow Toner 100ml',
        { amount: 49.9, currency: 'MYR', listAmount: 59.9 },
      ],
      ['1729384756102938477', 'Sunscreen SPF50 PA++++', { amount: 35, currency: 'MYR' }],
      ['1729384756102938478', 'Whitening night cream', { amount: 1050, currency: 'MYR' }],
    ]);
  });

  it('reads Vietnamese prices with "." between thousands; market from the page language', () => {
    const { document, url } = fixture(
      'product/1729384756102938490.html',
      '/shop/product/1729384756102938490',
    );
    const items = platformProductAdapter.findItems(document, url);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      price: { amount: 1290000, currency: 'VND', listAmount: 12900000 },
      market: 'VN',
      creator: { id: 'thu.mypham', displayName: 'Thu Mỹ Phẩm Store' },
    });
  });

  it('takes the market from the currency when the page gives no hint', () => {
    const { document, url } = page(
      '<div data-e2e="product-detail"><h1 data-e2e="product-title">Kopi</h1><span data-e2e="product-price">Rp 150.000</span></div>',
      '/shop/product/1',
    );
    const [item] = platformProductAdapter.findItems(document, url);
    expect(item).toMatchObject({ price: { amount: 150000, currency: 'IDR' }, market: 'ID' });
    expect(item?.creator).toBeUndefined();
  });

  it('does not take a javascript: seller link as the seller', () => {
    const { document, url } = page(
      '<div data-e2e="product-detail"><div data-e2e="product-seller"><a href="javascript:alert(1)"><span data-e2e="product-seller-name">@shop</span></a></div></div>',
      '/shop/product/2',
    );
    const [item] = platformProductAdapter.findItems(document, url);
    expect(item?.creator).toEqual({ id: 'shop', handle: 'shop', displayName: '@shop' });
    expect(item?.price).toBeUndefined();
  });
});
