/**
 * Risk chips beside creators on the platform's pages: one batched lookup per page, a chip
 * on every item with a known creator, the band rising after a critical flag, and the chip
 * opening the creator panel.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const VIDEO_ITEM = '7301234567890123456';
const FEED_ITEM_WITH_FINDINGS = '7302000000000000001';

test('chips show each creator’s risk, rise after a critical flag, and open the creator panel', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const chips = page.locator('flagpost-overlay [data-testid="risk-chip"]');
  await expect(chips.first()).toBeVisible();
  expect(await chips.count()).toBeGreaterThan(1);
  await expect(chips.first()).toHaveAttribute('data-band', 'low');

  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, VIDEO_ITEM);
  const chip = overlay.getByTestId('risk-chip');
  await expect(chip).toHaveAttribute('data-band', 'low');
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Policy').selectOption('counterfeit-goods');
  await form.getByLabel('Severity').selectOption('critical');
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('flag')).toHaveCount(1);

  await page.reload();
  await expect(overlay.getByTestId('risk-chip')).not.toHaveAttribute('data-band', 'low');
  await expect(overlay.getByTestId('risk-chip')).toHaveAttribute('aria-label', /.+/);

  const [panel] = await Promise.all([
    context.waitForEvent('page'),
    overlay.getByTestId('risk-chip').click(),
  ]);
  await panel.waitForLoadState();
  expect(panel.url()).toContain(`chrome-extension://${extensionId}/creator.html`);
  expect(panel.url()).toContain('creatorId=lena.glow');
});

test('chips on the profile and product pages; findings show their rule’s measured precision', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  for (const path of ['/@lena.glow', '/shop/product/1729384756102938475']) {
    await page.goto(pages.url + path);
    await expect(page.locator('flagpost-overlay [data-testid="risk-chip"]').first()).toBeVisible();
  }

  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, FEED_ITEM_WITH_FINDINGS);
  await overlay.getByTestId('badge').click();
  const counterfeit = overlay.getByTestId('finding').filter({ hasText: 'counterfeit' });
  await expect(counterfeit.getByTestId('finding-precision')).toHaveText(
    'rule not yet judged by reviewers',
  );
  await overlay.getByRole('button', { name: /^Confirm finding: .*counterfeit/ }).click();
  await expect(counterfeit).toHaveAttribute('data-decision', 'confirmed');

  await page.reload();
  await overlay.getByTestId('badge').click();
  // Beta(2, 2) smoothing: one confirmation reads (1 + 2) / (1 + 4) = 60%.
  await expect(counterfeit.getByTestId('finding-precision')).toHaveText(
    'rule precision 60% from 1 decisions',
  );
});
