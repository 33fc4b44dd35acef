import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCreator, toItemRef } from '@/lib/page/sites/item-ref';
import type { ContentItem } from '@/lib/page/sites/types';
import { creatorSchema, itemRefSchema } from '@/lib/shared/protocol/records';
import { propertyRuns } from '../../property-runs';

// toItemRef / toCreator check page text without Zod (the content script loads none); what
// they let through must always pass the wire format's schemas, which the background applies.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 250, maxLength: 2100 }),
  fc.constantFrom('', ' ', 'javascript:alert(1)', 'data:text/html,x', 'https://x.example/a'),
  // What a hostile page can put in a title or an id: any code unit, NUL and lone surrogates.
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('Bag\u0000copy', 'tail \uD800', '\uDC00head', 'a\u0000'),
);
const item = fc.record({
  platform: fc.oneof(fc.constantFrom('shopvid', 'x.example', 'Bad Name', ''), text),
  kind: fc.constantFrom('video', 'live', 'product', 'profile', 'comment' as const),
  itemId: text,
  url: fc.oneof(text, fc.webUrl(), fc.constant(`https://x.example/${'a'.repeat(2100)}`)),
  creator: fc.option(
    fc.record({ id: text, handle: text, displayName: fc.option(text, { nil: undefined }) }),
    {
      nil: undefined,
    },
  ),
  title: fc.option(text, { nil: undefined }),
  description: fc.option(text, { nil: undefined }),
  market: fc.option(fc.constantFrom('MY', 'TH', 'XX', 'my'), { nil: undefined }),
});

describe('item references read off a page', () => {
  it('are either dropped or valid by the wire format', () => {
    fc.assert(
      fc.property(item, (raw) => {
        const content = { ...raw, hashtags: [], element: {} } as unknown as ContentItem;
        const ref = toItemRef(content);
        if (ref) expect(itemRefSchema.safeParse(ref).success).toBe(true);
        const creator = toCreator(content);
        if (creator) expect(creatorSchema.safeParse(creator).success).toBe(true);
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });

  it('keep a valid item, clipping long page text', () => {
    const ref = toItemRef({
      platform: 'shopvid',
      kind: 'video',
      itemId: '7311',
      url: 'https://shopvid.example/@a/video/7311',
      creator: { id: 'a', handle: 'a' },
      description: 'x'.repeat(5000),
      hashtags: [],
      market: 'TH',
      element: {} as Element,
    });
    expect(ref).toMatchObject({ itemId: '7311', creatorId: 'a', market: 'TH' });
    expect(ref?.title).toHaveLength(1000);
  });

  it('keep an item whose page text holds NUL or a lone surrogate, with that text made storable', () => {
    const ref = toItemRef({
      platform: 'shopvid',
      kind: 'video',
      itemId: '7311',
      url: 'https://shopvid.example/@a/video/7311',
      creator: { id: 'a', handle: 'shop\u0000' },
      title: 'Replica bag\u0000 \uD800',
      hashtags: [],
      element: {} as Element,
    });
    expect(ref).toMatchObject({ title: 'Replica bag \uFFFD', creatorHandle: 'shop' });
    expect(itemRefSchema.safeParse(ref).success).toBe(true);
    // An id is never cleaned into another id: the item is dropped instead.
    expect(
      toItemRef({
        platform: 'shopvid',
        kind: 'video',
        itemId: '73\u000011',
        url: 'https://shopvid.example/@a/video/7311',
        hashtags: [],
        element: {} as Element,
      }),
    ).toBeUndefined();
  });

  it('drop hostile URLs', () => {
    const base = { platform: 'shopvid', kind: 'video' as const, itemId: '1', hashtags: [] };
    const element = {} as Element;
    expect(toItemRef({ ...base, url: 'javascript:alert(1)', element })).toBeUndefined();
    expect(toItemRef({ ...base, url: 'data:text/html,<b>', element })).toBeUndefined();
  });
});
