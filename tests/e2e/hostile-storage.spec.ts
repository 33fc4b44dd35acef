/**
 * A page that controls its renderer can call whatever Flagpost's content script may call.
 * Chrome lets every content script read and write storage.local, so settings kept there
 * could be rewritten from a page: the endpoint (where the reviewer's token goes), the
 * automation switch that opens the overlay's root, the site switch, the adapters. Settings
 * now live in the extension's own IndexedDB, which content scripts cannot reach; content
 * scripts get only what `page.setup` hands them.
 */
import { launchWithExtension } from './support/chromium';
import { evaluateInContentScript } from './support/content-world';
import { sendFromPage } from './support/extension-pages';
import { expect, popupUrl, test, VIDEO_PATH } from './support/fixtures';

test('a write from the content script world changes no setting', async ({ profileDir, pages }) => {
  // A reviewer's browser: the overlay root is closed.
  const { context, extensionId } = await launchWithExtension(profileDir, { openOverlay: false });
  try {
    const page = await context.newPage();
    await page.goto(pages.url + VIDEO_PATH);
    await expect(page.locator('flagpost-overlay')).toHaveCount(1);

    const stolen = await evaluateInContentScript(
      page,
      extensionId,
      `(async () => {
        const before = await chrome.storage.local.get(null);
        await chrome.storage.local.set({
          settings: { endpointUrl: 'https://evil.example/collect', reviewerId: 'mallory',
            allowUnsignedPacks: true, trustedPackKeys: ['${'A'.repeat(43)}='] },
          openOverlayForAutomation: true,
          disabledSites: ['127.0.0.1'],
          siteAdapters: { adapters: [] },
        });
        return before;
      })()`,
    );
    // Nothing of the reviewer's is there to read.
    expect(stolen).toEqual({});

    await page.reload();
    await expect(page.locator('flagpost-overlay')).toHaveCount(1); // still on for the site
    // Still closed: the page cannot reach into it.
    expect(await page.evaluate(() => document.querySelector('flagpost-overlay')?.shadowRoot)).toBe(
      null,
    );
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const settings = (await sendFromPage(popup, 'settings.get', {})) as {
      ok: boolean;
      data: { endpointUrl: string; reviewerId: string };
    };
    expect(settings.ok).toBe(true);
    expect(settings.data.endpointUrl).toBe('');
    expect(settings.data.reviewerId).not.toBe('mallory');
  } finally {
    await context.close();
  }
});
