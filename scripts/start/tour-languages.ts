/**
 * The tour's last leg: every page a reviewer sees, in each of the six UI languages. It
 * chooses the language in the settings as the options page would, then saves a screenshot
 * of the popup, the side panel, the dashboard, the creator page, the options page and a
 * reviewed page with its card open, and puts the language back as it was.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { TourStep } from './tour';

export const TOUR_LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil'] as const;

/** Sends a Flagpost message from one of its own pages, as the popup does. */
async function send(page: Page, name: string, request: unknown): Promise<unknown> {
  const answer = (await page.evaluate(
    ([n, r]) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ flagpost: 1, name: n, request: r }),
    [name, request] as const,
  )) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer?.ok) throw new Error(`${name} failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

export async function runLanguageTour(options: {
  context: BrowserContext;
  extensionId: string;
  pagesUrl: string;
  outDir: string;
}): Promise<TourStep[]> {
  const { context, extensionId, pagesUrl } = options;
  const base = `chrome-extension://${extensionId}`;
  const dir = join(options.outDir, 'languages');
  await mkdir(dir, { recursive: true });
  const page = await context.newPage();
  await page.goto(`${base}/popup.html`);
  const before = (await send(page, 'settings.get', {})) as { language?: string };

  const views = [
    { name: 'popup', url: `${base}/popup.html`, width: 360, ready: 'sync-panel' },
    { name: 'sidepanel', url: `${base}/sidepanel.html`, width: 400, ready: 'queue-list' },
    { name: 'dashboard', url: `${base}/dashboard.html`, width: 1000, ready: 'totals' },
    {
      name: 'creator',
      url: `${base}/creator.html?platform=shopvid&creatorId=lena.glow`,
      width: 700,
      ready: 'risk-summary',
    },
    { name: 'options', url: `${base}/options.html`, width: 700, ready: 'settings-form' },
  ];
  const steps: TourStep[] = [];
  try {
    for (const lang of TOUR_LANGUAGES) {
      await page.goto(`${base}/popup.html`);
      await send(page, 'settings.save', { language: lang });
      const shots: string[] = [];
      for (const view of views) {
        await page.setViewportSize({ width: view.width, height: 900 });
        await page.goto(view.url);
        await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
        await page.getByTestId(view.ready).first().waitFor();
        const file = join(dir, `${lang}-${view.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        shots.push(file);
      }
      // A reviewed page, its first flagged card open, in the same language.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${pagesUrl}/foryou`);
      const badge = page.locator('flagpost-overlay [data-testid="badge"]:not(.quiet)').first();
      await badge.waitFor();
      await badge.click();
      await page.locator('flagpost-overlay [role="dialog"]').first().waitFor();
      const file = join(dir, `${lang}-overlay.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      steps.push({
        what: `In ${lang}: the popup, side panel, dashboard, creator page, options page and an open card (${shots.length} screenshots, ${dir}/${lang}-*.png).`,
        screenshot: shots[0] ?? file,
      });
    }
  } finally {
    await page.goto(`${base}/popup.html`);
    await send(page, 'settings.save', { language: before.language ?? 'auto' });
    await page.close();
  }
  return steps;
}
