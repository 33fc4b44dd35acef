/** Helpers to count and reach Flagpost's overlays and to drive the pages they sit on. */
import type { Page, Worker } from '@playwright/test';
import { DISABLED_SITES_KEY } from '../../../lib/shared/settings/local-keys';
import { setTrusted } from './trusted-settings';

/**
 * An item gets its overlay box when it first comes near the viewport (800 px above or
 * below it), and keeps it until it leaves the page: a feed of thousands costs what the
 * reviewer has scrolled past, not the whole feed. `scrollThrough` brings every item near.
 */
export const OVERLAY = 'flagpost-overlay [data-item-box]';
export const CARD = '[data-e2e="recommend-list-item-container"]';

/** The item ids of every overlay on the page, sorted. */
export function overlayIds(page: Page): Promise<string[]> {
  return page
    .locator(OVERLAY)
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item-box') ?? '').sort());
}

/**
 * The video ids of the feed cards on the page, sorted (from each card's video link); with
 * `inViewport`, only those at least partly in the viewport.
 */
export function cardIds(page: Page, { inViewport = false } = {}): Promise<string[]> {
  return page.locator(CARD).evaluateAll(
    (cards, onlyVisible) =>
      cards
        .filter((card) => {
          if (!onlyVisible) return true;
          const rect = card.getBoundingClientRect();
          return rect.bottom > 0 && rect.top < window.innerHeight;
        })
        .map(
          (card) =>
            /\/video\/(\d+)/.exec(
              card.querySelector('a[href*="/video/"]')?.getAttribute('href') ?? '',
            )?.[1] ?? '',
        )
        .filter(Boolean)
        .sort(),
    inViewport,
  );
}

/**
 * Scrolls from the top of the page to its end a screenful at a time, waiting two frames
 * at each stop (the browser reports what came near in the frame after a scroll), so every
 * item comes near the viewport once; then back to the top. A feed that loads more at its
 * end is followed until it stops growing.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const heightNow = () => page.evaluate(() => document.documentElement.scrollHeight);
  let height = await heightNow();
  for (let top = 0; ; top += 800) {
    if (top > height) {
      await page.waitForTimeout(500); // a feed's next batch arrives a moment after the end
      const grown = await heightNow();
      if (grown === height) break;
      height = grown;
    }
    await page.evaluate(
      (y) =>
        new Promise<void>((done) => {
          window.scrollTo(0, y);
          requestAnimationFrame(() => requestAnimationFrame(() => done()));
        }),
      top,
    );
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The overlays' item ids once every item has come near the viewport (`scrollThrough`). */
export async function overlaysOnceScrolledThrough(page: Page): Promise<string[]> {
  await scrollThrough(page);
  return overlayIds(page);
}

/**
 * Overlays that should not be there: any whose item is no longer a card on the page, and
 * any second overlay for one item. Empty when nothing leaked.
 */
export async function strayOverlays(page: Page): Promise<string[]> {
  const cards = new Set(await cardIds(page));
  const seen = new Set<string>();
  const stray: string[] = [];
  for (const id of await overlayIds(page)) {
    if (!cards.has(id) || seen.has(id)) stray.push(id);
    seen.add(id);
  }
  return stray;
}

/** Whether every card in the viewport has its overlay. */
export async function visibleCardsHaveOverlays(page: Page): Promise<boolean> {
  const overlays = new Set(await overlayIds(page));
  return (await cardIds(page, { inViewport: true })).every((id) => overlays.has(id));
}

/** How many overlay roots are on the page (there must never be more than one). */
export function rootCount(page: Page): Promise<number> {
  return page.locator('flagpost-overlay').count();
}

/**
 * The texts of Flagpost's evidence marks, by tone (the finding's severity, or `suggested` for
 * the learned scorer's suggestions). The marks are drawn inside the
 * overlay's shadow root (lib/page/overlay/evidence-marks.ts), which is open only because
 * automation asked for it in extension storage; a page never finds them.
 */
export function markTexts(page: Page): Promise<Record<string, string[]>> {
  return page.locator('flagpost-overlay .mark-group').evaluateAll((groups) => {
    const out: Record<string, string[]> = {};
    for (const group of groups) {
      const { tone = '', text = '' } = (group as HTMLElement).dataset;
      out[tone] = [...(out[tone] ?? []), text];
    }
    return out;
  });
}

/** How many evidence marks (one per line of matched text) are drawn. */
export function markCount(page: Page): Promise<number> {
  return page.locator('flagpost-overlay .mark').count();
}

/** Switches Flagpost off (or back on) for hosts, as the popup does: the trusted store. */
export function setDisabledSites(worker: Worker, hosts: string[]): Promise<void> {
  return setTrusted(worker, DISABLED_SITES_KEY, hosts);
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
