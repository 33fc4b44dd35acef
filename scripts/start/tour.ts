/**
 * The headless tour that `npm start` runs when there is no display: it drives the built
 * extension through the main job on the demo pages and keeps a screenshot of each step,
 * then one of every page in each of the six UI languages (tour-languages.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { runLanguageTour } from './tour-languages';

export interface TourStep {
  what: string;
  screenshot: string;
}

export interface TourContext {
  context: BrowserContext;
  extensionId: string;
  pagesUrl: string;
  outDir: string;
  endpoint: { db: { query<T>(sql: string): Promise<{ rows: T[] }> } };
}

const VIDEO = '/@lena.glow/video/7301234567890123456';

export async function runTour({ context, extensionId, pagesUrl, outDir, endpoint }: TourContext) {
  await mkdir(outDir, { recursive: true });
  const steps: TourStep[] = [];
  const shoot = async (page: Page, name: string, what: string) => {
    const screenshot = join(outDir, `${String(steps.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: screenshot });
    steps.push({ what, screenshot });
  };

  const page = await context.newPage();
  // The feed first: every card checked against the starter pack, badges on the ones with
  // findings, the matched words highlighted in the page, a risk chip beside each creator.
  await page.goto(`${pagesUrl}/foryou`);
  const flagged = page.locator('flagpost-overlay [data-testid="badge"]:not(.quiet)').first();
  await flagged.waitFor();
  const findings = await page.locator('flagpost-overlay [data-testid="badge"]:not(.quiet)').count();
  await flagged.click();
  await page.locator('flagpost-overlay [role="dialog"]').first().waitFor();
  await shoot(
    page,
    'feed-findings',
    `Opened the demo feed: ${findings} card(s) near the viewport have policy findings; the first card's findings are open, their evidence highlighted in the page.`,
  );

  await page.goto(pagesUrl + VIDEO);
  const overlay = page.locator('flagpost-overlay [data-testid="item-overlay"]').first();
  await overlay.getByTestId('badge').waitFor();
  await shoot(
    page,
    'video-page',
    'Opened the demo video page; the Flagpost badge sits on the video.',
  );

  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Policy').selectOption('misleading-health-claims');
  await form.getByLabel('Severity').selectOption('high');
  await form
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note (optional)')
    .fill('Claims the serum clears skin in 3 days');
  await shoot(
    page,
    'flag-form',
    'Filled in a flag: misleading health claim, high severity, with a note.',
  );
  await form.getByRole('button', { name: 'Save flag' }).click();
  await overlay.getByTestId('flag').first().waitFor();

  await overlay.getByRole('button', { name: 'Note', exact: true }).click();
  await overlay
    .getByTestId('note-form')
    .frameLocator('[data-testid="note-field"]')
    .getByLabel('Note')
    .fill('Check the seller’s other serum videos');
  await overlay.getByRole('button', { name: 'Save note' }).click();
  await overlay.getByTestId('note').first().waitFor();
  await shoot(page, 'flagged', 'Saved the flag and a note; the card lists both.');

  await page.reload();
  await overlay.getByTestId('badge').waitFor();
  const badgeText = (await overlay.getByTestId('badge').textContent()) ?? '';
  await shoot(page, 'after-reload', `Reloaded the page; the badge still says "${badgeText}".`);

  // The flag and the note go to the endpoint on their own within seconds.
  const delivered = async () =>
    (await endpoint.db.query<{ n: number }>('select count(*)::int as n from records')).rows[0]?.n ??
    0;
  for (let waited = 0; (await delivered()) < 2 && waited < 30_000; waited += 250)
    await page.waitForTimeout(250);

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 300 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByTestId('flag-count').waitFor();
  const flags = await popup.getByTestId('flag-count').textContent();
  const notes = await popup.getByTestId('note-count').textContent();
  await popup.getByTestId('sync-pending').filter({ hasText: /^0$/ }).waitFor();
  const count = await delivered();
  await shoot(
    popup,
    'popup',
    `The popup counts ${flags} flag(s) and ${notes} note(s); nothing waits to sync; the endpoint holds ${count} record(s).`,
  );
  // Last, every page in each of the six UI languages (the language is put back after).
  steps.push(...(await runLanguageTour({ context, extensionId, pagesUrl, outDir })));
  return { steps, flags: Number(flags), notes: Number(notes), delivered: count };
}
