/**
 * The platform's video, live and product pages are read in full: what the page adds is
 * judged by the adapter's `mayChange`, and the page is read again only when an addition can
 * name an item or move one. Counts, chat and descriptions ticking cost no re-read.
 */
import { describe, expect, it } from 'vitest';
import { platformLiveAdapter } from '@/lib/page/sites/platform-live';
import { platformProductAdapter } from '@/lib/page/sites/platform-product';
import { platformVideoAdapter } from '@/lib/page/sites/platform-video';
import type { SiteAdapter } from '@/lib/page/sites/types';
import { fixture } from './fixture';

function judge(adapter: SiteAdapter) {
  const mayChange = adapter.mayChange;
  if (!mayChange) throw new Error(`${adapter.id} has no mayChange`);
  return mayChange;
}

/** Adds `html` (an element) or a text node under the element matching `under`. */
function add(document: Document, under: string, html: string | { text: string }): Node {
  const parent = document.querySelector(under);
  if (!parent) throw new Error(`no ${under} in the fixture`);
  let node: Node;
  if (typeof html === 'string') {
    const holder = document.createElement('div');
    holder.innerHTML = html;
    node = holder.firstElementChild as Element;
  } else node = document.createTextNode(html.text);
  parent.append(node);
  return node;
}

describe('platform video page: what may change its items', () => {
  const { document } = fixture(
    'video/7301234567890123456.html',
    '/@lena.glow/video/7301234567890123456',
  );
  const mayChange = judge(platformVideoAdapter);

  it('counts, comments and text anywhere: no re-read', () => {
    expect(mayChange(add(document, '[data-e2e="like-count"]', { text: '12.5K' }))).toBe(false);
    expect(mayChange(add(document, 'body', '<div data-e2e="comment-item"><p>nice</p></div>'))).toBe(
      false,
    );
    expect(mayChange(add(document, '[data-e2e="browse-video-desc"]', { text: ' #more' }))).toBe(
      false,
    );
  });

  it('a description or a video container added anew: read again', () => {
    expect(mayChange(add(document, 'body', '<p data-e2e="video-desc">new</p>'))).toBe(true);
    expect(
      mayChange(add(document, 'body', '<section><div data-e2e="browse-video"></div></section>')),
    ).toBe(true);
  });
});

describe('platform live page: what may change its items', () => {
  const { document } = fixture('live/kedai.murah.html', '/@kedai.murah/live');
  const mayChange = judge(platformLiveAdapter);

  it('viewer and like counts, chat messages, the announcement: no re-read', () => {
    expect(mayChange(add(document, '[data-e2e="live-viewer-count"]', { text: '1,204' }))).toBe(
      false,
    );
    expect(mayChange(add(document, '[data-e2e="live-like-count"]', { text: '9.9K' }))).toBe(false);
    expect(
      mayChange(
        add(
          document,
          '[data-e2e="live-chat"]',
          '<div data-e2e="chat-message"><span data-e2e="chat-content">hi</span></div>',
        ),
      ),
    ).toBe(false);
    expect(mayChange(add(document, '[data-e2e="live-announcement"]', { text: 'Sale!' }))).toBe(
      false,
    );
  });

  it("the host's handle (it names the room when the room has no id): read again", () => {
    expect(mayChange(add(document, '[data-e2e="live-host-name"]', { text: '@other' }))).toBe(true);
  });

  it('a product card in the bag, or a link added inside one: read again', () => {
    expect(
      mayChange(
        add(
          document,
          '[data-e2e="live-shopping-bag"]',
          '<div data-e2e="product-card"><a href="/shop/product/1">x</a></div>',
        ),
      ),
    ).toBe(true);
    expect(
      mayChange(add(document, '[data-e2e="product-card"]', '<a href="/shop/product/2">y</a>')),
    ).toBe(true);
  });

  it('comments and processing instructions: never', () => {
    expect(mayChange(document.createComment('x'))).toBe(false);
  });
});

describe('platform product page: what may change its items', () => {
  const { document } = fixture(
    'product/1729384756102938475.html',
    '/shop/product/1729384756102938475',
  );
  const mayChange = judge(platformProductAdapter);

  it('prices, counts and reviews added later: no re-read', () => {
    expect(mayChange(add(document, '[data-e2e="product-price"]', { text: ' RM 9.90' }))).toBe(
      false,
    );
    expect(mayChange(add(document, 'body', '<ul class="reviews"><li>great</li></ul>'))).toBe(false);
  });

  it('a recommended card, or what names one, added: read again', () => {
    expect(
      mayChange(
        add(document, 'body', '<div data-e2e="product-card"><a href="/shop/product/3">z</a></div>'),
      ),
    ).toBe(true);
    expect(
      mayChange(add(document, '[data-e2e="product-card"]', '<a href="/shop/product/4">w</a>')),
    ).toBe(true);
    // Text in a card names nothing: cards are named by their links.
    expect(mayChange(add(document, '[data-e2e="product-card"]', { text: 'Only 2 left' }))).toBe(
      false,
    );
  });
});
