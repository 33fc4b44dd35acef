/**
 * `npm run bench overlay-firefox`: overlays at feed scale in Firefox (Debian's firefox-esr
 * over WebDriver BiDi), beside bench/overlay.bench.ts's Chromium figures. The same generated
 * feed of 2,000 cards, loaded with Flagpost and without it in the same run: time until every
 * card in the viewport is badged, the worst scroll, boxes made, and one `items.evaluate`
 * round trip. Firefox has no CDP metrics and no longtask or layout-shift entries, so the
 * script-time figures are Chromium's only.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowser } from '../scripts/setup/probe';
import {
  FIREFOX_EXTENSION_DIR,
  launchFirefoxWithExtension,
  newFirefoxProfileDir,
} from '../tests/e2e-firefox/support/firefox';
import { startFixtureServer } from '../tests/fixtures/server';
import type { Bench, Figure } from './harness';
import { viewportReadyInPage } from './viewport-ready';

const FEED = '/tag/bench-2000';
const TOTAL = 2000;

async function viewportReady(page: Page, ext: boolean): Promise<number> {
  // Polled every 16 ms rather than per frame: puppeteer's frame polling stalled here in
  // Firefox, and a frame is about 16 ms anyway.
  const handle = await page.waitForFunction(
    viewportReadyInPage,
    { polling: 16, timeout: 30_000 },
    ext,
  );
  return (await handle.jsonValue()) as number;
}

async function measure(browser: Browser, url: string, ext: boolean) {
  const page = await browser.newPage();
  await page.bringToFront();
  await page.goto(url);
  const firstScreen = await viewportReady(page, ext);
  let worstScroll = 0;
  for (let count = 200; count < TOTAL; count += 200) {
    const before = await page.evaluate(() => performance.now());
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-e2e="feed-list"]')?.getAttribute('data-count')) > n,
      { polling: 50 },
      count,
    );
    worstScroll = Math.max(worstScroll, (await viewportReady(page, ext)) - before);
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // trailing scans and evaluations
  const overlays = await page.evaluate(
    () =>
      document.querySelector('flagpost-overlay')?.shadowRoot?.querySelectorAll('[data-item-box]')
        .length ?? 0,
  );
  await page.close();
  return { firstScreen, worstScroll, overlays };
}

/** Median round trip of one `items.evaluate` with 200 items, and of an empty message. */
async function evaluationRoundTrip(page: Page) {
  // A string, so tsx's __name helper never reaches the page.
  return (await page.evaluate(`(async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      key: 'k' + i,
      input: {
        fields: {
          description: 'Beg tangan premium copy 1:1 macam ori (' + i + '). WhatsApp 012-345 6789 untuk order #beg',
          'creator.handle': 'kedai.murah',
        },
        hashtags: ['beg', 'murah'],
        market: 'MY',
      },
    }));
    const medians = [];
    for (const [name, request] of [['items.evaluate', { items }], ['policy.choices', {}]]) {
      const samples = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        await browser.runtime.sendMessage({ flagpost: 1, name, request });
        samples.push(performance.now() - start);
      }
      medians.push(samples.sort((x, y) => x - y)[3]);
    }
    return { batch: medians[0], empty: medians[1] };
  })()`)) as { batch: number; empty: number };
}

const bench: Bench = {
  name: 'Overlays at feed scale, Firefox',
  skip: () =>
    findBrowser('firefox').path
      ? undefined
      : 'no Firefox (set FIREFOX_PATH or install firefox-esr)',
  async run() {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
      execSync('npx wxt build -b firefox --mv3', { stdio: 'inherit' });
    const server = await startFixtureServer();
    const url = server.url + FEED;
    const plainProfile = await newFirefoxProfileDir();
    const extProfile = await newFirefoxProfileDir();
    try {
      const plain = await puppeteer.launch({
        browser: 'firefox',
        executablePath: findBrowser('firefox').path,
        headless: true,
        userDataDir: plainProfile,
        defaultViewport: { width: 1280, height: 900 },
      });
      plain.process()?.stdout?.resume();
      plain.process()?.stderr?.resume();
      const alone = await measure(plain, url, false);
      await plain.close();
      const firefox = await launchFirefoxWithExtension(extProfile);
      const withExt = await measure(firefox.browser, url, true);
      const trip = await evaluationRoundTrip(await firefox.openExtensionPage('popup.html'));
      await firefox.close();
      const figures: Figure[] = [
        {
          name: 'Firefox: first screen badged (every card in the viewport has its checked badge)',
          value: withExt.firstScreen,
          unit: 'ms',
          baseline: { name: 'same cards drawn, page alone', value: alone.firstScreen },
          higherIsBetter: false,
        },
        {
          name: 'Firefox: worst scroll, 200 new cards until the new viewport is badged',
          value: withExt.worstScroll,
          unit: 'ms',
          baseline: { name: 'page alone, cards drawn', value: alone.worstScroll },
          higherIsBetter: false,
        },
        {
          name: 'Firefox: overlay boxes made (cards that came near the viewport) of 2,000 cards',
          value: withExt.overlays,
          unit: 'boxes',
          baseline: { name: 'cards on the page', value: TOTAL },
          higherIsBetter: false,
        },
        {
          name: 'Firefox: items.evaluate round trip, 200 items, extension page to background (median of 7)',
          value: trip.batch,
          unit: 'ms',
          baseline: { name: 'empty message round trip', value: trip.empty },
          higherIsBetter: false,
        },
      ];
      return figures;
    } finally {
      await server.close();
      await rm(plainProfile, { recursive: true, force: true });
      await rm(extProfile, { recursive: true, force: true });
    }
  },
};

export default bench;
