/** A card's video link read without the URL parser where it can be, as the parser reads it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpUrl } from '@/lib/page/sites/dom-text';
import { videoRef } from '@/lib/page/sites/platform-paths';
import { parsedVideoLink, plainVideoLink } from '@/lib/page/sites/video-card';

/** The definition: the URL parser's reading, on this site, of a video's path. */
function byParser(href: string, location: URL) {
  const url = httpUrl(href, location);
  const ref = url?.origin === location.origin ? videoRef(url) : undefined;
  return url && ref ? { url: `${url.origin}${url.pathname}`, ...ref } : undefined;
}

const read = (href: string, location: URL) =>
  plainVideoLink(href, location) || parsedVideoLink(href, location);

const LOCATIONS = [
  'https://www.tiktok.com/tag/bench-2000',
  'https://www.tiktok.com/@lena.glow/video/7310000000000000001',
  'http://127.0.0.1:4173/foryou?lang=en#top',
  'https://www.tiktok.com/@lena.glow/',
  'file:///tmp/feed.html',
].map((href) => new URL(href));

describe('video links', () => {
  it('reads plain links without the parser and odd ones with it, as the parser does', () => {
    const cases = [
      '/@lena.glow/video/7310000000000000001',
      '/@lena.glow/video/7310000000000000001/',
      '/@lena.glow/video/7310000000000000001?is_from_webapp=1#c',
      '/@lena%2Eglow/video/1',
      '/@lena.glow/x/../video/1',
      '/@lena.glow/./video/1',
      '\\@lena.glow\\video\\1',
      '/@lena.glow/vi\tdeo/1',
      '/@lena.glow/video/1 ',
      '/@lena glow/video/1',
      '/@lena.glow/video/123456789012345678901234567890123',
      '//www.tiktok.com/@x/video/2',
      'https://evil.example/@x/video/2',
      'https://www.tiktok.com/@x/video/2',
      '../video/3',
      '3',
      '?q=1',
      '',
      '/tag/bench',
      '/@lena.glow',
      'javascript:alert(1)//video/1',
    ];
    for (const location of LOCATIONS)
      for (const href of cases)
        expect(read(href, location), `${href} on ${location}`).toEqual(byParser(href, location));
    expect(plainVideoLink(cases[0] as string, LOCATIONS[0] as URL)).toEqual({
      url: 'https://www.tiktok.com/@lena.glow/video/7310000000000000001',
      handle: 'lena.glow',
      videoId: '7310000000000000001',
    });
  });

  it('agrees with the parser on any href made of path pieces and odd characters', () => {
    const piece = fc.constantFrom(
      '/',
      '@',
      'lena.glow',
      'video',
      'vi',
      'deo',
      '123',
      '7310000000000000001',
      '.',
      '..',
      '%2e',
      '%2E',
      '%76',
      '\\',
      '\t',
      '\n',
      ' ',
      '?',
      '#',
      'x',
      '-',
      '_',
      'é',
      '//',
      ':',
      'https:',
      'www.tiktok.com',
      'VIDEO',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.constantFrom(...LOCATIONS),
        (pieces, location) => {
          const href = pieces.join('');
          const plain = plainVideoLink(href, location);
          if (plain) expect(plain).toEqual(byParser(href, location));
          expect(read(href, location)).toEqual(byParser(href, location));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
