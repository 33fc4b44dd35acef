/**
 * Clickjacking: the page lays an element over Flagpost's badge with the highest z-index and
 * `pointer-events: none`, so it paints over the badge while clicks pass through to it. The
 * overlay's host is now in the browser's top layer, above anything the page can stack: the
 * badge is what the reviewer sees where it is clicked.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

test('a page element cannot paint over a badge', async ({ browserWithExtension, pages }) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  const badge = overlayOf(page, ITEM).getByTestId('badge');
  await expect(badge).toBeVisible();
  const box = await badge.boundingBox();
  if (!box) throw new Error('the badge has no box');
  // A pure green sheet over the whole viewport, clicks passing through.
  await page.evaluate(() => {
    const cover = document.createElement('div');
    cover.style.cssText =
      'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:rgb(0,255,0);';
    document.body.append(cover);
  });
  const centre = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  const shot = await page.screenshot({ clip: { ...centre, width: 1, height: 1 } });
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
  expect({ r, g, b }).not.toEqual({ r: 0, g: 255, b: 0 });
  // And the click at that point still opens the card.
  await page.mouse.click(centre.x, centre.y);
  await expect(overlayOf(page, ITEM).getByTestId('card')).toBeVisible();
});
