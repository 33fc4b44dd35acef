/**
 * The first loop: flag a video and note it from the overlay, see both after a reload and
 * after closing and reopening Chromium on the same profile, and count them in the popup.
 */
import type { Page } from '@playwright/test';
import { launchWithExtension } from './support/chromium';
import { expect, overlayOf, popupUrl, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

async function expectRecorded(page: Page) {
  const overlay = overlayOf(page, ITEM);
  // The flag recorded on the video comes back with its policy check (one message for a batch
  // of items). The flag is decided (confirmed): the badge counts only what is left to
  // review, the video's one automatic finding (its health claim, another policy).
  await expect(overlay.getByTestId('badge')).toHaveText('High · 1');
  await overlay.getByTestId('badge').click();
  const flag = overlay.getByTestId('flag');
  await expect(flag).toHaveCount(1);
  await expect(flag).toHaveAttribute('data-policy', 'counterfeit-goods');
  await expect(flag).toContainText('Prohibited and counterfeit goods');
  await expect(flag).toContainText('Critical');
  await expect(flag).toContainText('Logo looks fake');
  await expect(overlay.getByTestId('note')).toHaveText([
    'Seller pushes buyers to WhatsApp in comments',
  ]);
}

test('flag and note a video, then find them after a reload and a browser restart', async ({
  browserWithExtension,
  profileDir,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(pages.url + VIDEO_PATH);

  const overlay = overlayOf(page, ITEM);
  await expect(overlay.getByTestId('badge')).toHaveText('High · 1');
  await overlay.getByTestId('badge').click();
  await expect(overlay.getByText('No flags yet.')).toBeVisible();

  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Policy').selectOption({ label: 'Prohibited and counterfeit goods' });
  await form.getByLabel('Severity').selectOption('critical');
  await form
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note (optional)')
    .fill('Logo looks fake');
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('flag')).toHaveCount(1);

  await overlay.getByRole('button', { name: 'Note', exact: true }).click();
  // The note field is the extension's own page in a frame: the page cannot listen to it.
  await overlay
    .getByTestId('note-form')
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note')
    .fill('Seller pushes buyers to WhatsApp in comments');
  await overlay.getByRole('button', { name: 'Save note' }).click();
  await expect(overlay.getByTestId('note')).toHaveCount(1);

  await page.reload();
  await expectRecorded(page);

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popup.getByTestId('flag-count')).toHaveText('1');
  await expect(popup.getByTestId('note-count')).toHaveText('1');
  await expect(popup.getByTestId('item-count')).toHaveText('1');
  await expect(popup.getByTestId('creator-count')).toHaveText('1');

  await context.close();
  const reopened = await launchWithExtension(profileDir);
  try {
    const again = await reopened.context.newPage();
    await again.goto(pages.url + VIDEO_PATH);
    await expectRecorded(again);
    const popupAgain = await reopened.context.newPage();
    await popupAgain.goto(popupUrl(reopened.extensionId));
    await expect(popupAgain.getByTestId('flag-count')).toHaveText('1');
    await expect(popupAgain.getByTestId('note-count')).toHaveText('1');
  } finally {
    await reopened.context.close();
  }
});
