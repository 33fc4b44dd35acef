/**
 * The page watches Flagpost's overlay host for the moment it hides (the sign that the
 * background is capturing the tab) to repaint the item, so the kept image would show what
 * the page chose. The overlay is now hidden from inside its closed root: the page sees no
 * change to its DOM during a capture. (Headless Chromium refuses the capture itself without
 * the command's grant; the hiding happens all the same, which is what the page watched.)
 */
import { expect, overlayOf, test } from './support/fixtures';

const ITEM = '7302000000000000001';

test('the page cannot tell when a snapshot is taken', async ({ browserWithExtension, pages }) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Keep a snapshot').check();

  // From now on the page records every change to the host and polls how it is drawn.
  await page.evaluate(() => {
    const host = document.querySelector('flagpost-overlay') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver((records) => {
      for (const r of records)
        if (r.target === host || r.target === document.documentElement)
          seen.push(`${r.type}:${r.attributeName ?? ''}`);
    }).observe(document.documentElement, { attributes: true, childList: true, subtree: true });
    const look = () => {
      const style = getComputedStyle(host);
      if (style.visibility !== 'visible' || style.display === 'none' || style.opacity !== '1')
        seen.push(`drawn:${style.visibility}/${style.display}/${style.opacity}`);
      requestAnimationFrame(look);
    };
    look();
  });
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('snapshot-notice')).toContainText('Snapshot not kept');
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen).toEqual([]);
});
