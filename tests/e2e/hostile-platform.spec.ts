/**
 * Another site dresses its pages as the platform's (the same paths and `data-e2e` markup)
 * to file items as the platform's under any creator id and raise that creator's risk. The
 * platform's adapters read pages only on the platform's own hosts (settings.platformHosts,
 * decided by the background from the sender's URL): the end-to-end runs list 127.0.0.1,
 * and the same page served as `localhost` is another site.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

test("the platform's adapters read only the platform's own hosts", async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  await expect(overlayOf(page, ITEM).getByTestId('badge')).toBeVisible();

  const spoof = new URL(pages.url);
  spoof.hostname = 'localhost';
  await page.goto(spoof.origin + VIDEO_PATH);
  await expect(
    page.locator('[data-e2e="video-detail"], [data-e2e="browse-video-desc"]').first(),
  ).toBeVisible();
  // Flagpost runs there (its root is placed), but files nothing as the platform's.
  await expect(page.locator('flagpost-overlay')).toHaveCount(1);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_000)));
  await expect(page.locator(`flagpost-overlay [data-item-box="${ITEM}"]`)).toHaveCount(0);
});
