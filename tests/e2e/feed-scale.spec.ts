/**
 * Feeds that grow and pages that navigate without reloading: every card that has come near
 * the viewport has exactly one overlay, new cards are picked up, and cards that leave the
 * DOM take their overlays along. After scrolling through a page, overlay count equals card
 * count; at every step in between, no overlay outlives its card or doubles another.
 */
import { expect, test } from './support/fixtures';
import {
  CARD,
  cardIds,
  OVERLAY,
  overlayIds,
  overlaysOnceScrolledThrough,
  rootCount,
  scrollThrough,
  strayOverlays,
  visibleCardsHaveOverlays,
} from './support/overlays';

test('infinite scroll: one overlay per card after every batch', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/foryou`);
  await expect.poll(() => visibleCardsHaveOverlays(page)).toBe(true);
  expect(await page.locator(CARD).count()).toBe(10);
  // Far cards have no overlay yet: it is made when they come near.
  expect((await overlayIds(page)).length).toBeLessThan(10);

  const list = page.locator('[data-e2e="feed-list"]');
  for (let batch = 1; batch <= 5; batch++) {
    await page.mouse.wheel(0, 100_000);
    await expect(list).toHaveAttribute('data-batches', String(batch));
    await expect.poll(() => visibleCardsHaveOverlays(page)).toBe(true);
    expect(await strayOverlays(page)).toEqual([]);
  }
  expect(await page.locator(CARD).count()).toBe(60);
  await scrollThrough(page);
  await expect.poll(() => overlayIds(page)).toEqual(await cardIds(page));
  expect(await rootCount(page)).toBe(1);

  // Cards the page removes take their overlays with them.
  await page.evaluate((card) => {
    for (const el of [...document.querySelectorAll(card)].slice(0, 7)) el.remove();
  }, CARD);
  await expect.poll(() => page.locator(OVERLAY).count()).toBe(53);
  await expect.poll(() => overlayIds(page)).toEqual(await cardIds(page));
});

test('single-page navigation: overlays follow pushState and popstate, none leak', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/tag/spa-a`);
  const A = ['7306000000000000001', '7306000000000000002', '7306000000000000003'];
  const B = [
    '7306000000000000011',
    '7306000000000000012',
    '7306000000000000013',
    '7306000000000000014',
    '7306000000000000015',
  ];
  await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(A);

  const nav = (name: string) =>
    page.locator('nav').getByRole('link', { name, exact: true }).click();
  for (let round = 0; round < 5; round++) {
    await nav('Feed B');
    await expect(page).toHaveURL(/\/tag\/spa-b$/);
    await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(B);
    await nav('Feed A');
    await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(A);
    await page.goBack(); // popstate back to B
    await expect(page).toHaveURL(/\/tag\/spa-b$/);
    await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(B);
    await page.goForward(); // and forward to A
    await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(A);
  }
  // Another adapter after a navigation: the video view is read by the video adapter.
  await nav('A video');
  await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(['7306000000000000099']);
  await page.goBack();
  await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(A);
  expect(await rootCount(page)).toBe(1);
  await expect(page.locator(OVERLAY)).toHaveCount(A.length);
});

test('infinite scroll and 20 navigations back and forth: overlay count equals card count', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/foryou`);
  // The page view starts after the content script's setup round trip: cards scrolled past
  // before it watches are never near again, and rightly get no overlay. Wait for it first.
  await expect.poll(() => visibleCardsHaveOverlays(page)).toBe(true);
  const list = page.locator('[data-e2e="feed-list"]');
  for (let batch = 1; batch <= 3; batch++) {
    await page.mouse.wheel(0, 100_000);
    await expect(list).toHaveAttribute('data-batches', String(batch));
  }
  await scrollThrough(page);
  await expect.poll(() => overlayIds(page)).toEqual(await cardIds(page));

  // The feed and the SPA share an origin: pushState from one into the other's paths, and
  // history traversal back, twenty times; the content script sees only URL changes. Each
  // change starts a new page view: the cards in view get their overlays again, no others.
  for (let i = 0; i < 20; i++) {
    await page.evaluate((n) => {
      history.pushState({}, '', n % 2 ? '/following' : '/foryou');
    }, i);
    await expect.poll(() => visibleCardsHaveOverlays(page)).toBe(true);
    expect(await strayOverlays(page)).toEqual([]);
  }
  for (let i = 0; i < 20; i++) {
    await page.goBack();
    await expect.poll(() => visibleCardsHaveOverlays(page)).toBe(true);
    expect(await strayOverlays(page)).toEqual([]);
  }
  // Scrolling through may load the feed's last batches: count whatever is there.
  await scrollThrough(page);
  await expect.poll(() => overlayIds(page)).toEqual(await cardIds(page));
  expect(await page.locator(CARD).count()).toBeGreaterThanOrEqual(40);
  await expect(page.locator(OVERLAY)).toHaveCount(await page.locator(CARD).count());
  expect(await rootCount(page)).toBe(1);
});
