/**
 * A page with nothing to mark gets nothing added to its document: Flagpost's host joins the
 * page only with the first item to mark (issue 21). Checked on the long article with no
 * items, which then gains a product: the host appears with its overlay, so the content
 * script was there all along.
 */
import { expect, overlayOf, test } from './support/fixtures';

test('no host on a page with nothing to mark, until the first item to mark', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/bench/long-article.html`);
  const outside = () =>
    page.evaluate(() => ({
      hosts: document.querySelectorAll('flagpost-overlay').length,
      sheets: document.adoptedStyleSheets.length,
    }));
  // The page's own script has built it, and the content script has read it (document_idle).
  await page.waitForLoadState('load');
  await page.waitForTimeout(1_500);
  expect(await outside()).toEqual({ hosts: 0, sheets: 0 });

  // The page gains a product: now there is something to mark, and the host comes with it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.textContent = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Encyclopedia, printed edition',
      sku: 'QUIET-ENC-1',
      offers: { '@type': 'Offer', price: '49.00', priceCurrency: 'USD' },
    });
    document.head.append(script);
  });
  await expect(overlayOf(page, 'QUIET-ENC-1')).toHaveAttribute('data-findings', 'done');
  expect(await outside()).toEqual({ hosts: 1, sheets: 0 });
});
