/**
 * The overlay must not move anything on the page, must not take the page's styles, must
 * not give the page its own, and must not let page scripts read it.
 */
import type { Page } from '@playwright/test';
import { launchWithExtension } from './support/chromium';
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

test('the overlay causes no layout shift and no style leak either way', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number };
    w.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__shifts += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(pages.url + VIDEO_PATH);
  const badge = overlayOf(page, ITEM).getByTestId('badge');
  await expect(badge).toBeVisible();

  // Geometry of every page element with the overlay present, then without it.
  const geometry = () =>
    page.evaluate(() =>
      [...document.body.querySelectorAll('*')].map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName}:${r.x},${r.y},${r.width},${r.height}`;
      }),
    );
  const pageButtonStyle = () =>
    page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('page-button') as Element);
      return { color: s.color, fontSize: s.fontSize, background: s.backgroundColor };
    });
  const withOverlay = await geometry();
  const buttonWithOverlay = await pageButtonStyle();

  // The page's `button { color: red !important; font-size: 30px !important }` and
  // `div { line-height: 2 }` must not reach the overlay.
  const badgeStyle = await badge.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, fontSize: s.fontSize };
  });
  expect(badgeStyle).toEqual({ color: 'rgb(255, 255, 255)', fontSize: '13px' });
  await badge.click();
  const cardLineHeight = await overlayOf(page, ITEM)
    .getByRole('dialog')
    .evaluate((el) => getComputedStyle(el).lineHeight);
  expect(cardLineHeight).not.toBe('26px');

  await page.evaluate(() => document.querySelector('flagpost-overlay')?.remove());
  expect(await geometry()).toEqual(withOverlay);
  expect(await pageButtonStyle()).toEqual(buttonWithOverlay);
  expect(buttonWithOverlay.color).toBe('rgb(255, 0, 0)');
  expect(await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts)).toBe(0);
});

/** Attribute values of every element inside closed shadow roots (DevTools reaches them). */
async function insideClosedRoots(page: Page, attribute: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const found: string[] = [];
  const walk = (node: typeof root, closed: boolean) => {
    const attributes = node.attributes ?? [];
    for (let i = 0; i < attributes.length; i += 2)
      if (closed && attributes[i] === attribute) found.push(attributes[i + 1] ?? '');
    for (const child of node.children ?? []) walk(child, closed);
    for (const shadow of node.shadowRoots ?? [])
      walk(shadow, closed || shadow.shadowRootType === 'closed');
  };
  walk(root, false);
  await cdp.detach();
  return found;
}

test("outside automation the overlay's shadow root is closed: page scripts cannot read findings, flags or notes", async ({
  pages,
  profileDir,
}) => {
  const { context } = await launchWithExtension(profileDir, { openOverlay: false });
  try {
    const page = await context.newPage();
    await page.goto(pages.url + VIDEO_PATH);
    // The overlay is drawn, with its badge, inside a closed root...
    await expect.poll(() => insideClosedRoots(page, 'data-testid')).toContain('badge');
    expect(await insideClosedRoots(page, 'data-item-box')).toContain(ITEM);
    // ...which the page sees only as an empty host element.
    expect(
      await page.evaluate(() => {
        const host = document.querySelector('flagpost-overlay');
        return {
          host: Boolean(host),
          shadowRoot: host?.shadowRoot ?? null,
          text: host?.textContent,
        };
      }),
    ).toEqual({ host: true, shadowRoot: null, text: '' });
  } finally {
    await context.close();
  }
});
