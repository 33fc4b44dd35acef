/**
 * Flag on a page, sync, and see the flag arrive at the real governance endpoint; the popup
 * and the overlay show the sync state, and the token never reaches the page's world.
 */
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint } from './support/extension-pages';
import { expect, overlayOf, popupUrl, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';
let endpoint: TestEndpoint;

test.beforeEach(async () => {
  endpoint = await startTestEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

test('a flag made on the page arrives at the endpoint, and every view shows it synced', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  await configureEndpoint(context, extensionId, {
    endpointUrl: endpoint.url,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });

  const page = await context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  await overlay.getByTestId('flag-form').getByLabel('Policy').selectOption('giveaway-scams');
  await overlay.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('sync-state')).toHaveText('waiting to sync');

  await expect.poll(async () => (await endpoint.records()).size, { timeout: 15_000 }).toBe(1);
  const [record] = [...(await endpoint.records()).values()];
  expect(record).toMatchObject({
    type: 'flag',
    revision: 1,
    deleted: false,
    reviewer: 'e2e-reviewer',
  });

  // Reopening the card refreshes its state.
  await expect
    .poll(async () => {
      await overlay.getByTestId('badge').click();
      await overlay.getByTestId('badge').click();
      return overlay.getByTestId('sync-state').getAttribute('data-state');
    })
    .toBe('synced');

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popup.getByTestId('sync-pending')).toHaveText('0');
  await expect(popup.getByTestId('sync-rejected')).toHaveText('0');
  await expect(popup.getByTestId('sync-last-success')).not.toHaveText('never');

  // The page's own scripts, and the content script's storage view, never see the token.
  const leaked = await page.evaluate(() => document.documentElement.outerHTML);
  expect(leaked).not.toContain(endpoint.token);
});

test('with no endpoint configured, flags wait in the outbox and the popup says why', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  await overlay.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('sync-state')).toHaveText('waiting to sync');

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popup.getByTestId('sync-not-configured')).toBeVisible();
  await expect(popup.getByTestId('sync-pending')).toHaveText('1');
  await expect(popup.getByRole('button', { name: 'Sync now' })).toBeDisabled();
});
