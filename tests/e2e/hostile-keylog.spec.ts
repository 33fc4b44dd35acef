/**
 * A page listening for every keyboard and input event (capture phase, window and document)
 * while the reviewer writes a note in the overlay. Keys typed in the overlay's shadow root
 * cross it, retargeted to the host, so the page read notes as they were typed. The note is
 * now typed in the extension's own page, in a frame (entrypoints/note-frame): the page
 * hears none of it, and the note is saved all the same.
 *
 * Triage keys (c, d, j, k, 1-9 on an open card) are still keys on the page's document: the
 * page can see that they were pressed (README, Safety). They carry no text.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';
const SECRET = 'Seller asked me to pay off-platform';

test('the page hears nothing of a note being typed', async ({ browserWithExtension, pages }) => {
  const page = await browserWithExtension.context.newPage();
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    const types = ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'compositionend'];
    for (const target of [window, document])
      for (const type of types)
        target.addEventListener(
          type,
          (event) => {
            const e = event as KeyboardEvent & InputEvent;
            heard.push(`${type}:${e.key ?? ''}${e.data ?? ''}`);
          },
          true,
        );
  });
  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Note', exact: true }).click();
  const field = overlay
    .getByTestId('note-form')
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note');
  await field.click();
  await page.keyboard.type(SECRET);
  await expect(field).toHaveValue(SECRET);
  await overlay.getByRole('button', { name: 'Save note' }).click();
  await expect(overlay.getByTestId('note')).toHaveText([SECRET]);

  // The flag form's note (its reason) is typed in the same kind of field.
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  const reason = form.frameLocator('[data-testid="note-field"]').getByLabel('Note (optional)');
  await reason.click();
  await page.keyboard.type('Logo looks fake');
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('flag')).toContainText('Logo looks fake');

  const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  expect(heard).toEqual([]);
});
