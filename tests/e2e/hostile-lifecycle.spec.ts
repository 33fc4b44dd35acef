/**
 * The page tries to switch Flagpost off or make it rebuild: it dispatches WXT's "content
 * script started" announcement with another id (which stops a WXT content script), and
 * forged location-change events (WXT's `wxt:locationchange`, `popstate`, `navigate`) every
 * 100 ms. Nothing it dispatches may stop, start or rebuild Flagpost: the overlays stay, a
 * half-typed note stays typed, the page never hears the extension announce itself, and a
 * real in-page navigation afterwards is still followed.
 */
import type { Page } from '@playwright/test';
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';
import { overlaysOnceScrolledThrough } from './support/overlays';

const A = ['7306000000000000001', '7306000000000000002', '7306000000000000003'];
const VIDEO = '7301234567890123456';

/**
 * Everything a page can dispatch to stop or rebuild a WXT content script, every 100 ms.
 * `popstate` is left out on the single-page app, whose own listener re-renders its DOM.
 */
function attack(page: Page, extensionId: string, popstate = true) {
  return page.evaluate(
    ({ id, popstate }) => {
      const prefix = `${id}:content:`;
      const started = `${prefix}wxt:content-script-started`;
      const fire = () => {
        const detail = { contentScriptName: 'content', messageId: `forged-${Math.random()}` };
        document.dispatchEvent(new CustomEvent(started, { detail }));
        window.postMessage({ type: started, ...detail }, '*');
        window.dispatchEvent(new Event(`${prefix}wxt:locationchange`));
        if (popstate) window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
        const nav = (window as unknown as { navigation?: EventTarget }).navigation;
        nav?.dispatchEvent(new Event('navigate'));
        nav?.dispatchEvent(new Event('navigatesuccess'));
      };
      fire();
      window.setInterval(fire, 100);
    },
    { id: extensionId, popstate },
  );
}

/** Lets the attack run for a while (1.5 s of the page's clock: 15 rounds). */
const meanwhile = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_500)));

test('nothing the page dispatches stops or rebuilds Flagpost', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  // What the page hears from extensions: WXT used to post its id in a window message.
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    window.addEventListener('message', (event) => heard.push(JSON.stringify(event.data)));
  });
  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, VIDEO);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Note', exact: true }).click();
  const note = overlay
    .getByTestId('note-form')
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note');
  await note.click();
  await page.keyboard.type('Half a thought about this sel');

  // Before the page's own forged copies: the extension never announced itself.
  const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  expect(heard.filter((message) => message.includes(extensionId))).toEqual([]);

  await attack(page, extensionId);
  await meanwhile(page);
  await expect(overlay.getByTestId('note-form')).toBeVisible();
  await expect(note).toHaveValue('Half a thought about this sel');
  await expect(page.locator('flagpost-overlay [data-item-box]')).toHaveCount(1);

  // On a single-page app under the same attack, a real navigation is still followed.
  await page.goto(`${pages.url}/tag/spa-a`);
  await expect.poll(() => overlaysOnceScrolledThrough(page)).toEqual(A);
  await attack(page, extensionId, false);
  await meanwhile(page);
  expect(await overlaysOnceScrolledThrough(page)).toEqual(A);
  // The attack goes on; a real navigation inside the app is still followed.
  await page.locator('nav').getByRole('link', { name: 'Feed B', exact: true }).click();
  await expect(page).toHaveURL(/\/tag\/spa-b$/);
  await expect
    .poll(() => overlaysOnceScrolledThrough(page))
    .toEqual([
      '7306000000000000011',
      '7306000000000000012',
      '7306000000000000013',
      '7306000000000000014',
      '7306000000000000015',
    ]);
});
