/**
 * Feed overlays in Firefox: the starter pack's findings badge the cards, their evidence is
 * marked over the page's own text (drawn in the overlay root, the page's DOM untouched),
 * and confirming a finding records a flag.
 */
import { attributeOf, countInOverlay, inOverlay, textOf } from './support/dom';
import { expect, test } from './support/fixtures';

// On /foryou: "Beg tangan premium copy 1:1 macam ori, harga borong. WhatsApp 012-345 6789".
const ITEM = '7302000000000000001';
const badge = { item: ITEM, selector: '[data-testid="badge"]' };

test('Firefox: feed cards get badges, evidence marks over the page text, and a confirmable finding', async ({
  firefox,
  pages,
}) => {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.url}/foryou`);
  await expect.poll(() => textOf(page, badge)).toMatch(/^(Critical|High|Medium|Low) · \d+$/);
  const before = await page.evaluate(() => document.body.outerHTML);

  // Every mark names text that is really in the page, and the page's DOM is not changed.
  await expect.poll(() => countInOverlay(page, '.mark')).toBeGreaterThan(0);
  const marked = await page.evaluate(() =>
    [
      ...(document.querySelector('flagpost-overlay')?.shadowRoot?.querySelectorAll('.mark-group') ??
        []),
    ].map((group) => (group as HTMLElement).dataset.text ?? ''),
  );
  const pageText = await page.evaluate(() => document.body.innerText);
  expect(marked.length).toBeGreaterThan(0);
  for (const text of marked) expect(pageText).toContain(text);
  expect(marked.some((text) => /premium copy|1:1|012-345 6789/.test(text))).toBe(true);

  await (await inOverlay(page, badge)).click();
  const finding = { item: ITEM, selector: '[data-testid="finding"]' };
  await inOverlay(page, finding);
  const count = Number((await textOf(page, badge))?.split(' · ')[1]);
  expect(await countInOverlay(page, `[data-item-id="${ITEM}"] [data-testid="finding"]`)).toBe(
    count,
  );
  const evidence = await page.evaluate(
    (id) =>
      [
        ...(document
          .querySelector('flagpost-overlay')
          ?.shadowRoot?.querySelectorAll(`[data-item-id="${id}"] [data-testid="evidence"]`) ?? []),
      ].map((e) => e.textContent?.trim() ?? ''),
    ITEM,
  );
  for (const text of evidence) expect(pageText).toContain(text);

  const confirm = await inOverlay(page, { item: ITEM, selector: '[data-testid="finding"] button' });
  const label = (await confirm.evaluate((b) => b.getAttribute('aria-label'))) ?? '';
  expect(label).toMatch(/^Confirm finding: /);
  await confirm.click();
  await expect.poll(() => attributeOf(page, finding, 'data-decision')).toBe('confirmed');
  await inOverlay(page, { item: ITEM, selector: '[data-testid="flag"]' });
  // Flagpost drew all of this in its own root: the page's markup is as it was.
  expect(await page.evaluate(() => document.body.outerHTML)).toBe(before);
});
