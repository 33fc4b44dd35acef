/** Helpers to count and reach Flagpost's overlays and to drive the pages they sit on. */
import type { Page, Worker } from '@playwright/test';

/**
 * Every item has its overlay box at once; the badge inside is drawn when the item comes
 * near the viewport (badge work only where the reviewer can see it).
 */
export const OVERLAY = 'flagpost-overlay [data-item-box]';
export const CARD = '[data-e2e="recommend-list-item-container"]';

/** The item ids of every overlay on the page, sorted. */
export function overlayIds(page: Page): Promise<string[]> {
  return page
    .locator(OVERLAY)
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item-box') ?? '').sort());
}

/** The video ids of the feed cards on the page, sorted (from each card's video link). */
export function cardIds(page: Page): Promise<string[]> {
  return page.locator(CARD).evaluateAll((cards) =>
    cards
      .map(
        (card) =>
          /\/video\/(\d+)/.exec(
            card.querySelector('a[href*="/video/"]')?.getAttribute('href') ?? '',
          )?.[1] ?? '',
      )
      .filter(Boolean)
      .sort(),
  );
}

/** How many overlay roots are on the page (there must never be more than one). */
export function rootCount(page: Page): Promise<number> {
  return page.locator('flagpost-overlay').count();
}

/** Ranges registered for Flagpost's evidence highlights, by highlight name. */
export function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const registry = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    for (const [name, highlight] of registry) {
      if (!name.startsWith('flagpost-')) continue;
      out[name] = [...highlight].map((range) => (range as Range).toString());
    }
    return out;
  });
}

/** Switches Flagpost off (or back on) for hosts, as the popup does: storage.local. */
export function setDisabledSites(worker: Worker, hosts: string[]): Promise<void> {
  return worker.evaluate(
    (list) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { set(v: unknown): Promise<void> } } };
        }
      ).chrome.storage.local.set({ disabledSites: list }),
    hosts,
  );
}

/** Records every dialog the page opens and whether a payload set the page's marker. */
export async function watchForPayloads(page: Page): Promise<() => Promise<string[]>> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__pwned = false;
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      const original = w[name] as (...args: unknown[]) => unknown;
      w[name] = (...args: unknown[]) => {
        w.__pwned = true;
        return original.apply(window, args);
      };
    }
  });
  return async () => {
    const pwned = await page.evaluate(() => (window as unknown as { __pwned: boolean }).__pwned);
    return pwned ? [...dialogs, '__pwned'] : dialogs;
  };
}
