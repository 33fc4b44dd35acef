import { describe, expect, it } from 'vitest';
import { parseCount } from '@/lib/page/sites/engagement';
import {
  currencyForMarket,
  marketForCurrency,
  parseAmount,
  parsePrice,
} from '@/lib/page/sites/price';

describe('parsePrice per market', () => {
  it.each([
    ['RM 1,299.00', 1299, 'MYR'],
    ['RM12.50', 12.5, 'MYR'],
    ['MYR 1 299,00', 1299, 'MYR'],
    ['฿1,290', 1290, 'THB'],
    ['1,290 บาท', 1290, 'THB'],
    ['฿ 59.75', 59.75, 'THB'],
    ['₫1.290.000', 1290000, 'VND'],
    ['1.290.000 ₫', 1290000, 'VND'],
    ['1.290.000đ', 1290000, 'VND'],
    ['129.000 VNĐ', 129000, 'VND'],
    ['Rp 150.000', 150000, 'IDR'],
    ['Rp150.000,50', 150000.5, 'IDR'],
    ['Rp 1.500', 1500, 'IDR'],
    ['₱1,299.50', 1299.5, 'PHP'],
    ['PHP 2,500', 2500, 'PHP'],
    ['S$ 12.90', 12.9, 'SGD'],
    ['SGD 1,200', 1200, 'SGD'],
  ])('%s -> %d %s', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency });
  });

  it('takes the currency from the market when the text has only "$" or a number', () => {
    expect(parsePrice('$12.90', 'SG')).toEqual({ amount: 12.9, currency: 'SGD' });
    expect(parsePrice('150.000', 'ID')).toEqual({ amount: 150000, currency: 'IDR' });
    expect(parsePrice('$12.90')).toBeUndefined();
  });

  it('reads full-width digits and the first amount of a range', () => {
    expect(parsePrice('RM １,２９９.００')).toEqual({ amount: 1299, currency: 'MYR' });
    expect(parsePrice('RM 10.00 - RM 20.00')).toEqual({ amount: 10, currency: 'MYR' });
  });

  it('refuses what is not a price', () => {
    expect(parsePrice(undefined)).toBeUndefined();
    expect(parsePrice('RM')).toBeUndefined();
    expect(parsePrice('Free shipping')).toBeUndefined();
    expect(parsePrice(`RM ${'9'.repeat(40)}`)).toBeUndefined();
    expect(parseAmount('1.29.000', 'VND')).toBeUndefined();
  });

  it('resolves a single three-digit group with the market habit', () => {
    expect(parseAmount('1.290', 'VND')).toBe(1290);
    expect(parseAmount('1.290', 'SGD')).toBe(1.29);
    expect(parseAmount('1,290', 'MYR')).toBe(1290);
    expect(parseAmount('1,29', 'IDR')).toBe(1.29);
  });

  it('maps currencies and markets both ways', () => {
    expect(marketForCurrency('vnd')).toBe('VN');
    expect(marketForCurrency('USD')).toBeUndefined();
    expect(currencyForMarket('PH')).toBe('PHP');
  });
});

describe('parseCount', () => {
  it.each([
    ['318', 318],
    ['12.4K', 12400],
    ['1.2M', 1200000],
    ['3,401 likes', 3401],
  ])('%s -> %d', (text, count) => expect(parseCount(text)).toBe(count));
  it('is undefined without digits', () => expect(parseCount('many')).toBeUndefined());
});
