/**
 * Keyboard triage from the page and evidence capture. Browser-level command shortcuts
 * cannot be pressed in headless Chromium, so the tests send what the `flag-focused-item`
 * command sends: chrome.tabs.sendMessage from the service worker to the tab.
 */
import { createHash } from 'node:crypto';
import type { Page, Worker } from '@playwright/test';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage } from './support/extension-pages';
import { expect, overlayOf, popupUrl, test } from './support/fixtures';

// On /foryou: the kedai.murah video with two findings (counterfeit terms, a phone number).
const ITEM = '7302000000000000001';

/** What the background does on the `flag-focused-item` command, for the active tab. */
async function sendCommand(worker: Worker): Promise<unknown> {
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: {
            query(q: object): Promise<Array<{ id?: number }>>;
            sendMessage(id: number, m: unknown): Promise<unknown>;
          };
        };
      }
    ).chrome.tabs;
    const [tab] = await api.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return api.sendMessage(tab.id, { flagpostTab: 1, command: 'open-focused-card' });
  });
}

async function storedFlags(page: Page, url: string) {
  const answer = (await sendFromPage(page, 'item.state', {
    item: { platform: 'shopvid', kind: 'video', itemId: ITEM, url },
  })) as { ok: true; data: { flags: Array<Record<string, unknown>> } };
  return answer.data.flags;
}

test('the command opens the focused item card; c confirms, 2 d dismisses, ? lists keys, j moves on', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, worker, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, ITEM);
  const badge = overlay.getByTestId('badge');
  await expect(badge).toHaveText('Critical · 2');

  // A message that is not the command is ignored; the command opens the focused item's card.
  await badge.focus();
  expect(await sendCommand(worker)).toEqual({ opened: true });
  const card = overlay.getByTestId('card');
  await expect(card).toBeFocused();

  // One key: the first undecided finding is confirmed (queued while the card loads).
  await page.keyboard.press('c');
  const findings = overlay.getByTestId('finding');
  await expect(findings.first()).toHaveAttribute('data-decision', 'confirmed');
  await expect(findings.nth(1)).toHaveAttribute('data-decision', 'none');

  await page.keyboard.press('2');
  await expect(findings.nth(1)).toBeFocused();
  await expect(findings.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('d');
  await expect(findings.nth(1)).toHaveAttribute('data-decision', 'dismissed');

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  const stored = await storedFlags(popup, `${pages.url}/@kedai.murah/video/${ITEM}`);
  expect(stored.map((f) => [f.source, f.status]).sort()).toEqual([
    ['auto', 'confirmed'],
    ['auto', 'dismissed'],
  ]);
  await popup.close();

  await page.bringToFront();
  await findings.first().focus();
  await page.keyboard.press('?');
  const keys = overlay.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(keys).toContainText('c: confirm the selected (or first undecided) finding');
  await expect(keys).toContainText('j / k: open the next / previous item');
  await page.keyboard.press('Shift+?');
  await expect(keys).toBeHidden();

  // j: the next item's card opens and takes focus; this one closes.
  await page.keyboard.press('j');
  await expect(card).toBeHidden();
  const next = page.locator('flagpost-overlay [data-testid="card"]');
  await expect(next).toHaveCount(1);
  await expect(next).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(next).toHaveCount(0);

  // Keys typed on the page itself are the page's: nothing changes.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('d');
  await page.keyboard.press('f');
  await expect(page.locator('flagpost-overlay [data-testid="card"]')).toHaveCount(0);
});

let endpoint: TestEndpoint;
test.describe('evidence', () => {
  test.beforeEach(async () => {
    endpoint = await startTestEndpoint();
  });
  test.afterEach(async () => {
    await endpoint.close();
  });

  test('snapshot: refused without a grant (headless); a stored snapshot shows in the card and the side panel and is uploaded with its flag', async ({
    browserWithExtension,
    pages,
  }) => {
    const { context, worker, extensionId } = browserWithExtension;
    await configureEndpoint(context, extensionId, {
      endpointUrl: endpoint.url,
      token: endpoint.token,
      reviewerId: endpoint.reviewer,
    });
    const page = await context.newPage();
    await page.goto(`${pages.url}/foryou`);
    await page.bringToFront();
    const overlay = overlayOf(page, ITEM);
    await expect(overlay.getByTestId('badge')).toHaveText('Critical · 2');
    await overlay.getByTestId('badge').focus();
    await sendCommand(worker);
    await expect(overlay.getByTestId('card')).toBeFocused();

    await page.keyboard.press('f');
    const form = overlay.getByTestId('flag-form');
    await expect(form.getByLabel('Policy')).toBeFocused();
    await form.getByLabel('Keep a snapshot').check();
    await form.getByRole('button', { name: 'Save flag' }).click();

    // Headless Chromium gives no command gesture, hence no activeTab grant: the capture is
    // refused, and the flag is kept with the page facts and the reason shown.
    await expect(overlay.getByTestId('snapshot-notice')).toContainText(
      "Either the '<all_urls>' or 'activeTab' permission is required",
    );
    await expect(overlay.getByTestId('flag')).toHaveCount(1);

    // The rest of the path with a snapshot already in the local store, as a granted capture
    // leaves it: an image in the evidence table and a flag that cites its hash.
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const sha256 = await popup.evaluate(async () => {
      const canvas = new OffscreenCanvas(40, 30);
      const context2d = canvas.getContext('2d');
      if (!context2d) throw new Error('no canvas');
      context2d.fillStyle = '#c2410c';
      context2d.fillRect(0, 0, 40, 30);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const digest = new Uint8Array(
        await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()),
      );
      const hash = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('flagpost');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('evidence', 'readwrite');
        tx.objectStore('evidence').put({
          sha256: hash,
          createdAt: new Date().toISOString(),
          mimeType: 'image/png',
          bytes: blob,
          size: blob.size,
        });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return hash;
    });
    const created = (await sendFromPage(popup, 'flag.create', {
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: ITEM,
        url: `${pages.url}/@kedai.murah/video/${ITEM}`,
      },
      policyId: 'counterfeit-goods',
      severity: 'critical',
      evidence: [{ field: 'snapshot', start: 0, end: 0, text: `sha256:${sha256}` }],
    })) as { ok: boolean };
    expect(created.ok).toBe(true);
    await popup.close();

    // The card shows the snapshot line with the hash prefix once it reloads.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await overlay.getByTestId('badge').click();
    const kept = overlay.getByTestId('snapshot-kept');
    await expect(kept).toHaveCount(1);
    await expect(kept).toHaveAttribute('data-sha256', sha256);
    await expect(kept).toContainText(`Snapshot kept (${sha256.slice(0, 12)}…)`);

    // The side panel shows the image from the local store.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await expect(panel.getByTestId('row-snapshot')).toHaveCount(1);
    // Newest first: the flag with the snapshot is then the first row, active. (The panel's
    // default order is by priority, which puts undecided flags first.)
    await panel.getByTestId('queue-sort').selectOption('newest');
    const image = panel.getByTestId('snapshot-image');
    await expect(image).toBeVisible();
    const src = (await image.getAttribute('src')) ?? '';
    expect(src.startsWith('data:image/png;base64,')).toBe(true);
    const local = Buffer.from(src.slice('data:image/png;base64,'.length), 'base64');
    expect(createHash('sha256').update(local).digest('hex')).toBe(sha256);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    // Sync: the image reaches the endpoint under its hash, with the flag that cites it.
    await expect.poll(async () => (await endpoint.records()).size, { timeout: 20_000 }).toBe(2);
    const served = await fetch(`${endpoint.url}/v1/evidence/${sha256}`, {
      headers: { Authorization: `Bearer ${endpoint.token}` },
    });
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    const { rows } = await endpoint.server.db.query<{ body: { evidence: unknown[] } }>(
      'select body from records',
    );
    const evidence = rows.flatMap((row) => row.body.evidence);
    expect(evidence).toContainEqual({
      field: 'snapshot',
      start: 0,
      end: 0,
      text: `sha256:${sha256}`,
    });
    // The refused capture still recorded the page facts on the first flag.
    expect(evidence).toContainEqual(expect.objectContaining({ field: 'snapshot:url' }));
  });
});

test('without a capture grant the flag is kept without an image and the card says why', async ({
  browserWithExtension,
  pages,
}) => {
  // No endpoint here: the extension holds no host permission for the page, and no command
  // gesture granted activeTab, so Chromium refuses captureVisibleTab.
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Keep a snapshot').check();
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('snapshot-notice')).toContainText('Snapshot not kept');
  await expect(overlay.getByTestId('flag')).toHaveCount(1);
  await expect(overlay.getByTestId('snapshot-kept')).toHaveCount(0);

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  const [flag] = await storedFlags(popup, `${pages.url}/@kedai.murah/video/${ITEM}`);
  const fields = ((flag?.evidence ?? []) as Array<{ field: string }>).map((e) => e.field);
  expect(fields).toContain('snapshot:url');
  expect(fields).not.toContain('snapshot');
});
