import { describe, expect, it } from 'vitest';
import { withoutTracking } from '@/lib/page/sites/item-url';
import {
  countryForCurrency,
  countryOfHost,
  itemCountry,
  regionOfLanguage,
} from '@/lib/page/sites/market';
import { page } from './fixture';

describe('the country an item is sold in', () => {
  it('reads currencies: the six markets, the euro, others by their country prefix', () => {
    expect(countryForCurrency('MYR')).toBe('MY');
    expect(countryForCurrency('eur')).toBe('EU');
    expect(countryForCurrency('USD')).toBe('US');
    expect(countryForCurrency('XAF')).toBeUndefined();
    expect(countryForCurrency('dollars')).toBeUndefined();
  });

  it('reads language regions and country-code domains, not generic ones', () => {
    expect(regionOfLanguage('zh-Hant-TW')).toBe('TW');
    expect(regionOfLanguage('de_DE')).toBe('DE');
    expect(regionOfLanguage('es-419')).toBeUndefined();
    expect(countryOfHost('toko.co.id')).toBe('ID');
    expect(countryOfHost('shop.co.uk')).toBe('GB');
    expect(countryOfHost('brand.io')).toBeUndefined();
    expect(countryOfHost('127.0.0.1')).toBeUndefined();
  });

  it('prefers a six-market price, then what the page says, then other currencies and the domain', () => {
    const { document } = page('<html lang="en-US"><body><p data-market="th">x</p></body></html>');
    const p = document.querySelector('p');
    const url = new URL('https://shop.example.de/p');
    expect(itemCountry(p, document, url, 'SGD')).toBe('SG');
    expect(itemCountry(p, document, url, 'EUR')).toBe('TH');
    expect(itemCountry(document.body, document, url, 'EUR')).toBe('US');
    const bare = page('<html><body></body></html>').document;
    expect(itemCountry(bare.body, bare, url, 'EUR')).toBe('EU');
    expect(itemCountry(bare.body, bare, url)).toBe('DE');
    expect(itemCountry(bare.body, bare, new URL('https://shop.example.com/'))).toBeUndefined();
  });
});

describe('item URLs', () => {
  it('drop tracking parameters and keep those that choose what is shown', () => {
    const clean = (href: string) => withoutTracking(new URL(href)).href;
    expect(clean('https://s.example/p/1?utm_source=a&utm_medium=b&gclid=c')).toBe(
      'https://s.example/p/1',
    );
    expect(clean('https://s.example/p/1?variant=42&fbclid=x#p')).toBe(
      'https://s.example/p/1?variant=42#p',
    );
    expect(clean('https://s.example/p/1?size=m')).toBe('https://s.example/p/1?size=m');
  });
});
