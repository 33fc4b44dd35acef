/**
 * The headless tour of `npm start -- --browser firefox`: the same steps as tour.ts, in
 * Firefox driven over WebDriver BiDi (tests/e2e-firefox/support), with a screenshot each.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  countInOverlay,
  inOverlay,
  inPage,
  textOf,
  typeNote,
} from '../../tests/e2e-firefox/support/dom';
import type { FirefoxWithExtension } from '../../tests/e2e-firefox/support/firefox';
import type { TourStep } from './tour';

export interface FirefoxTourContext {
  firefox: FirefoxWithExtension;
  pagesUrl: string;
  outDir: string;
  endpoint: { db: { query<T>(sql: string): Promise<{ rows: T[] }> } };
}

const VIDEO = '/@lena.glow/video/7301234567890123456';
const VIDEO_ITEM = '7301234567890123456';
const DELIVERY_WAIT_MS = 30_000;

export async function runFirefoxTour({ firefox, pagesUrl, outDir, endpoint }: FirefoxTourContext) {
  await mkdir(outDir, { recursive: true });
  const steps: TourStep[] = [];
  const shoot = async (page: Page, name: string, what: string) => {
    const screenshot = join(outDir, `${String(steps.length + 1).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: screenshot });
    steps.push({ what, screenshot });
  };
  const inVideo = (selector: string, text?: string) =>
    inOverlay(page, { item: VIDEO_ITEM, selector, ...(text ? { text } : {}) });

  const page = await firefox.browser.newPage();
  await page.goto(`${pagesUrl}/foryou`);
  await (await inOverlay(page, { selector: '[data-testid="badge"]:not(.quiet)' })).click();
  await inOverlay(page, { selector: '[role="dialog"]' });
  const findings = await countInOverlay(page, '[data-testid="badge"]:not(.quiet)');
  await shoot(
    page,
    'feed-findings',
    `Opened the demo feed in Firefox: ${findings} card(s) near the viewport have policy findings; the first card's findings are open, their evidence marked in the page.`,
  );

  await page.goto(pagesUrl + VIDEO);
  await inVideo('[data-testid="badge"]');
  await shoot(
    page,
    'video-page',
    'Opened the demo video page; the Flagpost badge sits on the video.',
  );

  await (await inVideo('[data-testid="badge"]')).click();
  await (await inVideo('button', 'Flag')).click();
  await (await inVideo('[data-testid="flag-form"] [name="policy"]')).select(
    'misleading-health-claims',
  );
  await (await inVideo('[data-testid="flag-form"] [name="severity"]')).select('high');
  await typeNote(page, VIDEO_ITEM, 'Claims the serum clears skin in 3 days', 'flag-form');
  await shoot(
    page,
    'flag-form',
    'Filled in a flag: misleading health claim, high severity, with a note.',
  );
  await (await inVideo('button', 'Save flag')).click();
  await inVideo('[data-testid="flag"]');

  await (await inVideo('button', 'Note')).click();
  await typeNote(page, VIDEO_ITEM, 'Check the seller’s other serum videos');
  await (await inVideo('button', 'Save note')).click();
  await inVideo('[data-testid="note"]');
  await shoot(page, 'flagged', 'Saved the flag and a note; the card lists both.');

  await page.reload();
  await inVideo('[data-testid="badge"]');
  const badgeText =
    (await textOf(page, { item: VIDEO_ITEM, selector: '[data-testid="badge"]' })) ?? '';
  await shoot(page, 'after-reload', `Reloaded the page; the badge still says "${badgeText}".`);

  // The flag and the note go to the endpoint on their own within seconds.
  const delivered = async () =>
    (await endpoint.db.query<{ n: number }>('select count(*)::int as n from records')).rows[0]?.n ??
    0;
  for (let waited = 0; (await delivered()) < 2 && waited < DELIVERY_WAIT_MS; waited += 250)
    await new Promise((resolve) => setTimeout(resolve, 250));

  const popup = await firefox.openExtensionPage('popup.html');
  await popup.setViewport({ width: 360, height: 300 });
  const popupText = (id: string) => textOf(popup, { selector: `[data-testid="${id}"]` }, 'page');
  await inPage(popup, { selector: '[data-testid="flag-count"]' });
  for (
    let waited = 0;
    (await popupText('sync-pending')) !== '0' && waited < DELIVERY_WAIT_MS;
    waited += 250
  )
    await new Promise((resolve) => setTimeout(resolve, 250));
  const flags = await popupText('flag-count');
  const notes = await popupText('note-count');
  const count = await delivered();
  await shoot(
    popup,
    'popup',
    `The popup counts ${flags} flag(s) and ${notes} note(s); ${await popupText('sync-pending')} wait to sync; the endpoint holds ${count} record(s).`,
  );
  return { steps, flags: Number(flags), notes: Number(notes), delivered: count };
}
