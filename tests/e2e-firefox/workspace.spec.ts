/**
 * Flagpost's own pages in Firefox: the review queue (the sidebar's page), the options page
 * and its language switch, which open overlays follow without a reload.
 */
import { readFileSync } from 'node:fs';
import { inPage, sendFromExtensionPage, textOf } from './support/dom';
import { gotoExtensionPage } from './support/firefox';
import { expect, test } from './support/fixtures';

const MARKETS = ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'];
const FLAGS = 18;
const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<
    string,
    { message: string }
  >;

test('Firefox: the sidebar queue lists the flags and its filters narrow them', async ({
  firefox,
}) => {
  // Firefox opens the sidebar only on a user action in its own UI, which automation cannot
  // reach; the same page in a tab runs the same code against the same background.
  const panel = await firefox.openExtensionPage('sidepanel.html');
  for (let i = 0; i < FLAGS; i++) {
    const answer = (await sendFromExtensionPage(panel, 'flag.create', {
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: String(600000 + i),
        url: `https://shop.example/@seller${i % 3}/video/${600000 + i}`,
        creatorId: `seller${i % 3}`,
        creatorHandle: `seller${i % 3}`,
        title: `Item ${i}`,
        market: MARKETS[i % 6],
      },
      policyId: 'counterfeit-goods',
      severity: 'high',
      status: 'suggested',
      source: 'manual',
    })) as { ok: boolean };
    expect(answer.ok).toBe(true);
  }
  await gotoExtensionPage(panel, 'sidepanel.html');
  const matching = () => textOf(panel, { selector: '[data-testid="matching-count"]' }, 'page');
  await expect.poll(matching).toBe(`${FLAGS} flags match`);
  await expect
    .poll(() => panel.evaluate(() => document.querySelectorAll('[data-testid="queue-row"]').length))
    .toBeGreaterThan(0);

  await (await inPage(panel, { selector: '[data-testid="filter-market"]' })).select('TH');
  await expect.poll(matching).toBe(`${FLAGS / 6} flags match`);
  // The count is drawn before the list redraws its rows: read them once they are there.
  const rowTexts = () =>
    panel.evaluate(() =>
      [...document.querySelectorAll('[data-testid="queue-row"]')].map((r) => r.textContent ?? ''),
    );
  await expect.poll(async () => (await rowTexts()).length).toBe(FLAGS / 6);
  for (const row of await rowTexts()) expect(row).toContain('TH');
});

test('Firefox: a language chosen in the options page switches the options, the popup and open overlays', async ({
  firefox,
  pages,
}) => {
  const english = catalogue('en');
  const thai = catalogue('th');
  const severity = (c: typeof english) =>
    new RegExp(
      `^(${['severityLow', 'severityMedium', 'severityHigh', 'severityCritical'].map((k) => c[k]?.message).join('|')}) · `,
    );
  const feed = await firefox.browser.newPage();
  await feed.goto(`${pages.url}/foryou`);
  const badge = { item: '7302000000000000001', selector: '[data-testid="badge"]' };
  await expect.poll(() => textOf(feed, badge)).toMatch(severity(english));

  const options = await firefox.openExtensionPage('options.html');
  await (await inPage(options, { selector: 'select[name="language"]' })).select('th');
  await (
    await inPage(options, { selector: 'button[type="submit"]', text: english.optionsSave?.message })
  ).click();
  await expect
    .poll(() => textOf(options, { selector: 'h1' }, 'page'))
    .toBe(thai.optionsTitle?.message);
  expect(await options.evaluate(() => document.documentElement.lang)).toBe('th');

  const popup = await firefox.openExtensionPage('popup.html');
  await expect
    .poll(() => textOf(popup, { selector: '#sync-heading' }, 'page'))
    .toBe(thai.syncHeading?.message);
  // The open feed follows without a reload.
  await expect.poll(() => textOf(feed, badge)).toMatch(severity(thai));
});
