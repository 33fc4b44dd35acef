/**
 * Clickjacking: the page lays an element over Flagpost's badge with `pointer-events: none`,
 * so it paints over the badge while clicks pass through to it. The overlay's host is in the
 * browser's top layer, above anything the page can stack with z-index; a popover, modal
 * dialog or fullscreen element the page opens afterwards (drawn above ours, the top layer
 * being ordered by arrival) puts ours back on top; and when the page keeps us from hearing
 * that it opened one, a click on the overlay is not acted on while such an element is up:
 * the overlay is raised instead, and the next click, on what the reviewer now sees, is.
 */
import type { Page } from '@playwright/test';
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';
const GREEN = { r: 0, g: 255, b: 0 };
const COVER_CSS =
  'position:fixed;inset:0;width:100vw;height:100vh;max-width:none;max-height:none;margin:0;' +
  'border:0;padding:0;z-index:2147483647;pointer-events:none;background:rgb(0,255,0);';

/** The colour drawn at one point of the viewport. */
async function pixelAt(page: Page, point: { x: number; y: number }) {
  const shot = await page.screenshot({ clip: { ...point, width: 1, height: 1 } });
  // Read the pixel back in a blank page (no image decoder in the test's Node).
  const reader = await page.context().newPage();
  const [r, g, b] = await reader.evaluate(async (png) => {
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d');
    context?.drawImage(image, 0, 0);
    return [...(context?.getImageData(0, 0, 1, 1).data ?? [])];
  }, shot.toString('base64'));
  await reader.close();
  return { r, g, b };
}

async function badgeCentre(page: Page) {
  const badge = overlayOf(page, ITEM).getByTestId('badge');
  await expect(badge).toBeVisible();
  const box = await badge.boundingBox();
  if (!box) throw new Error('the badge has no box');
  return { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
}

test('a page element cannot paint over a badge', async ({ browserWithExtension, pages }) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  const centre = await badgeCentre(page);
  // A pure green sheet over the whole viewport, clicks passing through.
  await page.evaluate((css) => {
    const cover = document.createElement('div');
    cover.style.cssText = css;
    document.body.append(cover);
  }, COVER_CSS);
  expect(await pixelAt(page, centre)).not.toEqual(GREEN);
  // And the click at that point still opens the card.
  await page.mouse.click(centre.x, centre.y);
  await expect(overlayOf(page, ITEM).getByTestId('card')).toBeVisible();
});

for (const kind of ['popover', 'modal dialog'] as const)
  test(`a page ${kind} opened after the overlay cannot paint over a badge`, async ({
    browserWithExtension,
    pages,
  }) => {
    const page = await browserWithExtension.context.newPage();
    await page.goto(pages.url + VIDEO_PATH);
    const centre = await badgeCentre(page);
    // The same sheet, in the top layer, entered after the overlay's host.
    await page.evaluate(
      ([css, how]) => {
        if (how === 'popover') {
          const cover = document.createElement('div');
          cover.style.cssText = css as string;
          cover.popover = 'manual';
          document.body.append(cover);
          cover.showPopover();
        } else {
          const cover = document.createElement('dialog');
          cover.style.cssText = css as string;
          document.body.append(cover);
          cover.showModal();
        }
      },
      [COVER_CSS, kind === 'popover' ? 'popover' : 'dialog'],
    );
    await expect.poll(() => pixelAt(page, centre)).not.toEqual(GREEN);
    if (kind === 'popover') {
      await page.mouse.click(centre.x, centre.y);
      await expect(overlayOf(page, ITEM).getByTestId('card')).toBeVisible();
    }
  });

test('a click made while a page popover may cover the overlay is not acted on', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  // Before any other script: the page keeps the top layer's events from everyone else.
  await page.addInitScript(() => {
    for (const type of ['beforetoggle', 'toggle'])
      window.addEventListener(type, (event) => event.stopImmediatePropagation(), true);
  });
  await page.goto(pages.url + VIDEO_PATH);
  const centre = await badgeCentre(page);
  await page.evaluate((css) => {
    const cover = document.createElement('div');
    cover.style.cssText = css;
    cover.popover = 'manual';
    document.body.append(cover);
    cover.showPopover();
  }, COVER_CSS);
  // Flagpost did not hear it: the sheet paints over the badge.
  expect(await pixelAt(page, centre)).toEqual(GREEN);
  // The reviewer clicks what the page painted there: nothing happens but the raise.
  await page.mouse.click(centre.x, centre.y);
  await expect.poll(() => pixelAt(page, centre)).not.toEqual(GREEN);
  await expect(overlayOf(page, ITEM).getByTestId('card')).toHaveCount(0);
  // Now the badge is what is drawn there: its click opens the card.
  await page.mouse.click(centre.x, centre.y);
  await expect(overlayOf(page, ITEM).getByTestId('card')).toBeVisible();
});
