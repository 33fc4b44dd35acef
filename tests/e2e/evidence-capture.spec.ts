/**
 * Evidence capture for real: the reviewer's keyboard command (a real key press, in a headed
 * Chromium on a virtual display) grants activeTab; the snapshot is the visible tab cropped
 * to the item, kept in the local store under its SHA-256, and the card says so.
 */
import { launchWithExtension } from './support/chromium';
import { expect, overlayOf, popupUrl, test } from './support/fixtures';
import { startVirtualDisplay, VIRTUAL_DISPLAY_MISSING } from './support/virtual-display';

const ITEM = '7302000000000000001';

test.skip(VIRTUAL_DISPLAY_MISSING !== undefined, VIRTUAL_DISPLAY_MISSING ?? '');

test('the command key grants the capture: the snapshot is the item as seen, cropped, hashed and kept', async ({
  profileDir,
  pages,
}) => {
  const screen = await startVirtualDisplay();
  const { context, extensionId } = await launchWithExtension(profileDir, {
    headless: false,
    env: { DISPLAY: screen.display },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${pages.url}/foryou`);
    await page.bringToFront();
    const overlay = overlayOf(page, ITEM);
    await expect(overlay.getByTestId('badge')).toHaveText('Critical · 2');
    await overlay.getByTestId('badge').focus();
    const itemBox = await page
      .locator('[data-e2e="recommend-list-item-container"]')
      .filter({ has: page.locator(`a[href*="${ITEM}"]`) })
      .evaluate((card) => {
        const r = card.getBoundingClientRect();
        return { width: r.width, height: r.height, ratio: devicePixelRatio };
      });

    // Alt+Shift+G typed on the keyboard: the browser runs the command with a user gesture.
    screen.press('alt+shift+g');
    await expect(overlay.getByTestId('card')).toBeFocused();
    await page.keyboard.press('f');
    const form = overlay.getByTestId('flag-form');
    await form.getByLabel('Keep a snapshot').check();
    await form.getByRole('button', { name: 'Save flag' }).click();

    const kept = overlay.getByTestId('snapshot-kept');
    await expect(kept).toHaveCount(1);
    await expect(overlay.getByTestId('snapshot-notice')).toHaveCount(0);
    const sha256 = (await kept.getAttribute('data-sha256')) ?? '';
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);

    // The stored image: its bytes hash to what the flag cites, and it is the item's box
    // (the card on the page at the screen's pixel ratio), not the whole tab.
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const stored = await popup.evaluate(async (hash) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('flagpost');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const record = await new Promise<{ bytes: Blob; mimeType: string } | undefined>(
        (resolve, reject) => {
          const get = db.transaction('evidence').objectStore('evidence').get(hash);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        },
      );
      db.close();
      if (!record) return undefined;
      const digest = new Uint8Array(
        await crypto.subtle.digest('SHA-256', await record.bytes.arrayBuffer()),
      );
      const bitmap = await createImageBitmap(record.bytes);
      return {
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
        mimeType: record.mimeType,
        width: bitmap.width,
        height: bitmap.height,
      };
    }, sha256);
    expect(stored?.sha256).toBe(sha256);
    expect(stored?.mimeType).toMatch(/^image\//);
    expect(Math.abs((stored?.width ?? 0) - itemBox.width * itemBox.ratio)).toBeLessThanOrEqual(2);
    expect(Math.abs((stored?.height ?? 0) - itemBox.height * itemBox.ratio)).toBeLessThanOrEqual(2);
  } finally {
    await context.close();
    screen.close();
  }
});
