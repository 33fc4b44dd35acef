/**
 * The note frame (entrypoints/note-frame) is a web-accessible resource. At its fixed URL
 * (`chrome-extension://<the extension's id>/note-frame.html`, the id being the same on
 * every reviewer's browser) any page could load it: to learn that Flagpost is installed,
 * or to frame it itself under its own markup. With `use_dynamic_url` Chromium serves it
 * only at a per-session id that the content script gets from runtime.getURL and the page
 * never sees (the frame sits in the overlay's closed root): the fixed URL is refused to the
 * page, and the overlay's own frame still loads.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

test('a page cannot reach the note frame at the extension’s fixed URL', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(pages.url + VIDEO_PATH);
  const fixed = `chrome-extension://${extensionId}/note-frame.html`;
  // The page probes the fixed URL with fetch and with a frame of its own.
  const probe = await page.evaluate(async (url) => {
    const fetched = await fetch(url).then(
      (response) => `status ${response.status}`,
      () => 'refused',
    );
    const frame = document.createElement('iframe');
    frame.src = url;
    document.body.append(frame);
    await new Promise((resolve) => {
      frame.onload = resolve;
      setTimeout(resolve, 3_000);
    });
    let framed = 'unreadable';
    try {
      framed = frame.contentDocument ? 'readable' : 'unreadable';
    } catch {
      framed = 'unreadable';
    }
    return { fetched, framed };
  }, fixed);
  expect(probe.fetched).toBe('refused');
  // The page's frame did not get the note frame: Chromium's error page stands in its place.
  const pageFrame = page.frames().find((frame) => frame.url() === fixed);
  if (pageFrame) await expect(pageFrame.locator('textarea')).toHaveCount(0);

  // The overlay's own note field loads, from the dynamic URL.
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Note', exact: true }).click();
  const field = overlay.getByTestId('note-form').locator('[data-testid="note-field"]');
  const src = await field.getAttribute('src');
  expect(src).toMatch(/^chrome-extension:\/\/[^/]+\/note-frame\.html/);
  expect(src?.startsWith(`chrome-extension://${extensionId}/`)).toBe(false);
  await expect(
    overlay.getByTestId('note-form').frameLocator('[data-testid="note-field"]').getByLabel('Note'),
  ).toBeEnabled();
});
