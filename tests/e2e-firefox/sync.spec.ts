/**
 * Sync from Firefox to the real reference endpoint: configured in the options page, a flag
 * made on the page arrives at the endpoint, and the popup says nothing waits.
 */
import { startTestEndpoint, type TestEndpoint } from '../e2e/support/endpoint';
import { inOverlay, textOf } from './support/dom';
import { configureEndpointInFirefox } from './support/extension-pages';
import { expect, VIDEO_ITEM as ITEM, test, VIDEO_PATH } from './support/fixtures';

let endpoint: TestEndpoint;
test.beforeEach(async () => {
  endpoint = await startTestEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('Firefox: a flag made on the page arrives at the endpoint and the popup shows it synced', async ({
  firefox,
  pages,
}) => {
  await configureEndpointInFirefox(firefox, {
    endpointUrl: endpoint.url,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });
  const page = await firefox.browser.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  await (await inOverlay(page, { item: ITEM, selector: '[data-testid="badge"]' })).click();
  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Flag' })).click();
  await (
    await inOverlay(page, { item: ITEM, selector: '[data-testid="flag-form"] [name="policy"]' })
  ).select('giveaway-scams');
  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Save flag' })).click();
  await inOverlay(page, { item: ITEM, selector: '[data-testid="flag"]' });

  await expect.poll(async () => (await endpoint.records()).size, { timeout: 20_000 }).toBe(1);
  const [record] = [...(await endpoint.records()).values()];
  expect(record).toMatchObject({
    type: 'flag',
    revision: 1,
    deleted: false,
    reviewer: endpoint.reviewer,
  });

  const popup = await firefox.openExtensionPage('popup.html');
  const popupText = (id: string) => textOf(popup, { selector: `[data-testid="${id}"]` }, 'page');
  await expect.poll(() => popupText('sync-pending')).toBe('0');
  await expect.poll(() => popupText('sync-rejected')).toBe('0');
  await expect.poll(() => popupText('sync-last-success')).not.toBe('never');
  // The page's own world never sees the token.
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(
    endpoint.token,
  );
});
