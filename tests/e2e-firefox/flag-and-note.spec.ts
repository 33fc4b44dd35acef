/**
 * The first loop in Firefox: flag a video and note it from the overlay, see both after a
 * reload and after closing Firefox and starting it again on the same profile (the add-on
 * reinstalled, as an unsigned build must be), and count them in the popup.
 */
import type { Page } from 'puppeteer-core';
import { attributeOf, inOverlay, textOf, typeNote } from './support/dom';
import { launchFirefoxWithExtension } from './support/firefox';
import { expect, VIDEO_ITEM as ITEM, test, VIDEO_PATH } from './support/fixtures';

const badge = { item: ITEM, selector: '[data-testid="badge"]' };

async function expectRecorded(page: Page) {
  // The flag comes back with the item's policy check; it is decided (confirmed), so the
  // badge counts only what is left: the video's health-claim finding.
  await expect.poll(() => textOf(page, badge)).toMatch(/^High · 1$/);
  await (await inOverlay(page, badge)).click();
  const flag = { item: ITEM, selector: '[data-testid="flag"]' };
  await inOverlay(page, flag);
  expect(await attributeOf(page, flag, 'data-policy')).toBe('counterfeit-goods');
  const text = await textOf(page, flag);
  for (const part of ['Critical', 'Logo looks fake']) expect(text).toContain(part);
  expect(await textOf(page, { item: ITEM, selector: '[data-testid="note"]' })).toBe(
    'Seller pushes buyers to WhatsApp in comments',
  );
}

async function expectPopupCounts(popup: Page, counts: Record<string, string>) {
  for (const [testId, count] of Object.entries(counts))
    await expect
      .poll(() => textOf(popup, { selector: `[data-testid="${testId}"]` }, 'page'))
      .toBe(count);
}

test('Firefox: flag and note a video, then find them after a reload and a browser restart', async ({
  firefox,
  profileDir,
  pages,
}) => {
  const page = await firefox.browser.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  await (await inOverlay(page, badge)).click();
  await inOverlay(page, { item: ITEM, selector: '*', text: 'No flags yet.' });

  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Flag' })).click();
  const form = (field: string) =>
    inOverlay(page, { item: ITEM, selector: `[data-testid="flag-form"] [name="${field}"]` });
  await (await form('policy')).select('counterfeit-goods');
  await (await form('severity')).select('critical');
  await typeNote(page, ITEM, 'Logo looks fake', 'flag-form');
  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Save flag' })).click();
  await inOverlay(page, { item: ITEM, selector: '[data-testid="flag"]' });

  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Note' })).click();
  await typeNote(page, ITEM, 'Seller pushes buyers to WhatsApp in comments');
  await (await inOverlay(page, { item: ITEM, selector: 'button', text: 'Save note' })).click();
  await inOverlay(page, { item: ITEM, selector: '[data-testid="note"]' });

  await page.reload();
  await expectRecorded(page);

  const popup = await firefox.openExtensionPage('popup.html');
  await expectPopupCounts(popup, {
    'flag-count': '1',
    'note-count': '1',
    'item-count': '1',
    'creator-count': '1',
  });

  await firefox.close();
  const reopened = await launchFirefoxWithExtension(profileDir);
  try {
    const again = await reopened.browser.newPage();
    await again.goto(pages.url + VIDEO_PATH);
    await expectRecorded(again);
    await expectPopupCounts(await reopened.openExtensionPage('popup.html'), {
      'flag-count': '1',
      'note-count': '1',
    });
  } finally {
    await reopened.close();
  }
});
