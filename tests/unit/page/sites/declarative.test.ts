import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDeclarativeAdapter } from '@/lib/page/sites/declarative';
import {
  formatDeclarativeErrors,
  parseDeclarativeAdapters,
} from '@/lib/page/sites/declarative-import';
import { adapterFor } from '@/lib/page/sites/registry';
import { compileMatchPattern } from '@/lib/shared/sites/match-pattern';
import { fixture, page } from './fixture';

const spec = JSON.parse(readFileSync('tests/fixtures/pages/console/adapters.json', 'utf8'));
const queue = () => fixture('console/review-queue.html', '/console/review-queue.html');

describe('declarative adapters: reading', () => {
  it('reads each row of the review console as an item', () => {
    const { document, url } = queue();
    const result = parseDeclarativeAdapters(spec, document);
    if (!result.ok) throw new Error(formatDeclarativeErrors(result.errors));
    const [adapter] = result.adapters;
    expect(adapter?.id).toBe('declarative:review-console');
    expect(adapter?.matches(url, document)).toBe(true);
    const items = adapter?.findItems(document, url) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      platform: 'review-console',
      kind: 'product',
      itemId: '1001',
      url: 'http://127.0.0.1:8080/console/case/1001',
      title: 'Rolex Submariner premium copy',
      description: 'Same as ori, #replica grade',
      hashtags: ['replica'],
      creator: { id: 'sg.luxe', handle: 'sg.luxe', displayName: 'SG Luxe Deals' },
      price: { amount: 120, currency: 'SGD', listAmount: 12900 },
      market: 'SG',
    });
    expect(items[0]?.element.getAttribute('data-case-id')).toBe('CASE-1001');
    // A javascript: link is not the item URL; markup typed into a field stays text.
    expect(items[1]).toMatchObject({
      itemId: '1002',
      url: 'http://127.0.0.1:8080/console/review-queue.html',
      title: '<b>Vitamin C</b> cures colds',
      price: { amount: 8.9, currency: 'SGD' },
      creator: { id: 'health.sg', handle: 'health.sg' },
    });
  });

  it('comes after the built-in adapters and before the generic one', () => {
    const { document, url } = queue();
    const result = parseDeclarativeAdapters(spec, document);
    const extra = result.ok ? result.adapters : [];
    expect(adapterFor(url, document, extra)?.id).toBe('declarative:review-console');
    expect(adapterFor(url, document)).toBeUndefined();
    const elsewhere = new URL('https://other.example/console/review-queue.html');
    expect(adapterFor(elsewhere, document, extra)).toBeUndefined();
  });

  it('accepts a bare array of adapters and field shorthands', () => {
    const { document } = page('<div class="row" data-id="7"><h2>Hi</h2></div>');
    const result = parseDeclarativeAdapters(
      [
        {
          id: 'x',
          name: 'X',
          urlPatterns: ['<all_urls>'],
          item: { container: '.row', kind: 'video', itemId: { attribute: 'data-id' }, title: 'h2' },
        },
      ],
      document,
    );
    expect(result.ok).toBe(true);
  });
});

describe('declarative adapters: validation', () => {
  const { document } = page('<p></p>');
  const errorsOf = (json: unknown) => {
    const result = parseDeclarativeAdapters(json, document);
    return result.ok ? [] : result.errors;
  };
  const base = {
    id: 'console',
    name: 'Console',
    urlPatterns: ['https://console.example.com/review/*'],
    item: { container: 'tr', kind: 'product', itemId: { attribute: 'data-id' } },
  };

  it('names the path of an invalid CSS selector', () => {
    const errors = errorsOf({
      adapters: [{ ...base, item: { ...base.item, container: 'div[[' } }],
    });
    expect(errors).toEqual([
      { path: 'adapters[0].item.container', message: 'invalid CSS selector "div[["' },
    ]);
    expect(formatDeclarativeErrors(errors)).toBe(
      'adapters[0].item.container: invalid CSS selector "div[["',
    );
  });

  it('reports every problem at once, each at its path', () => {
    const errors = errorsOf({
      adapters: [
        base,
        {
          ...base,
          urlPatterns: ['console.example.com', 'ftp://x/*'],
          item: {
            ...base.item,
            kind: 'tweet',
            title: 'h1 >',
            price: { selector: '.p', pattern: '(' },
            contianer: 'tr',
          },
        },
      ],
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['adapters[1].id']).toBe('duplicate id "console"');
    expect(byPath['adapters[1].urlPatterns[0]']).toMatch(
      /^invalid match pattern "console.example.com"/,
    );
    expect(byPath['adapters[1].urlPatterns[1]']).toMatch(/^invalid match pattern "ftp:\/\/x\/\*"/);
    expect(byPath['adapters[1].item.kind']).toBeDefined();
    expect(byPath['adapters[1].item.title.selector']).toBe('invalid CSS selector "h1 >"');
    expect(byPath['adapters[1].item.price.pattern']).toMatch(/^invalid regular expression "\("/);
    expect(byPath['adapters[1].item']).toMatch(/contianer/);
  });

  it('refuses missing fields and wrong shapes', () => {
    expect(errorsOf(null)[0]?.path).toBe('');
    expect(errorsOf({ adapters: [{ id: 'Bad Id' }] }).map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'adapters[0].id',
        'adapters[0].name',
        'adapters[0].urlPatterns',
        'adapters[0].item',
      ]),
    );
    expect(errorsOf({ adapters: [{ ...base, urlPatterns: [] }] })[0]?.path).toBe(
      'adapters[0].urlPatterns',
    );
  });

  it('builds an adapter that never throws on an odd spec', () => {
    const adapter = createDeclarativeAdapter({
      id: 'odd',
      name: 'Odd',
      urlPatterns: ['not a pattern'],
      item: { container: 'div[[', kind: 'video', itemId: { pattern: '(' } },
    });
    expect(adapter.matches(new URL('https://x.example/'), document)).toBe(false);
    expect(adapter.findItems(document, new URL('https://x.example/'))).toEqual([]);
  });
});

describe('match patterns', () => {
  const test = (pattern: string, url: string) => {
    const compiled = compileMatchPattern(pattern);
    return 'test' in compiled && compiled.test(new URL(url));
  };
  it.each([
    ['https://console.example.com/review/*', 'https://console.example.com/review/42?tab=1', true],
    ['https://console.example.com/review/*', 'http://console.example.com/review/42', false],
    ['https://console.example.com/review/*', 'https://console.example.com/other', false],
    ['*://*.example.com/*', 'http://a.b.example.com/x', true],
    ['*://*.example.com/*', 'https://example.com/', true],
    ['*://*.example.com/*', 'https://badexample.com/', false],
    ['http://127.0.0.1/console/*', 'http://127.0.0.1:8080/console/q', true],
    ['http://127.0.0.1:9000/*', 'http://127.0.0.1:8080/', false],
    ['<all_urls>', 'https://x.example/', true],
  ])('%s on %s: %s', (pattern, url, expected) => expect(test(pattern, url)).toBe(expected));
});
