/**
 * Issue 17, the governance console in real Chromium beside the extension: a lead signs in
 * (a reviewer token cannot), an escalation made in the extension's side panel arrives in the
 * console live (no reload), the lead acknowledges and resolves it with an enforcement action,
 * and the outcome appears on the reviewer's receipt in the extension; sign-out returns to the
 * sign-in page and the API answers 401. Then every view in each of the six languages: the
 * page in that language, no English catalogue string left, no text cut off, and axe finds
 * no violation.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { newUlid } from '../../lib/shared/protocol/ids';
import type { Flag } from '../../lib/shared/protocol/records';
import { issueToken } from '../../server/app';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage } from './support/extension-pages';
import { expect, test } from './support/fixtures';

type Catalogue = Record<string, { message: string }>;
const catalogue = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Catalogue;
const english = catalogue('en');

let endpoint: TestEndpoint;
test.beforeEach(async () => {
  endpoint = await startTestEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function signIn(page: Page, token: string) {
  await page.getByTestId('console-token').fill(token);
  await page.getByTestId('console-sign-in-submit').click();
}

test('sign in; an escalation from the extension arrives live; acknowledge, resolve; the outcome reaches the extension', async ({
  browserWithExtension,
}) => {
  test.setTimeout(180_000);
  const { context, extensionId } = browserWithExtension;
  await configureEndpoint(context, extensionId, {
    endpointUrl: endpoint.url,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });
  const lead = (await issueToken(endpoint.server.db, 'lead-lin', { role: 'lead' })).token;

  const leadPage = await context.newPage();
  const problems: string[] = [];
  leadPage.on('console', (m) => {
    // The refused sign-ins and the signed-out page answer 401 and 403 on purpose; the
    // extension's own content script on this page is not the console's code.
    if (m.type() !== 'error' || /status of 40[13]/.test(m.text())) return;
    if (m.location().url.startsWith('chrome-extension://')) return;
    problems.push(`${m.text()} (${m.location().url})`);
  });
  const first = await leadPage.goto(`${endpoint.url}/console?lang=en`);
  expect(first?.status()).toBe(401);
  await expect(leadPage.getByTestId('console-sign-in')).toBeVisible();
  expect(await axeViolations(leadPage)).toEqual([]);

  // A reviewer's token cannot sign in; a malformed one is refused before it is sent.
  await signIn(leadPage, 'not a token');
  await expect(leadPage.getByTestId('console-sign-in-error')).toContainText('not a Flagpost token');
  await signIn(leadPage, endpoint.token);
  await expect(leadPage.getByTestId('console-sign-in-error')).toContainText(
    'A reviewer token cannot sign in',
  );
  await signIn(leadPage, lead);
  await expect(leadPage.getByTestId('console-who')).toContainText('lead-lin');
  const cookies = await context.cookies(endpoint.url);
  const session = cookies.find((c) => c.name === 'flagpost_console');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(await leadPage.evaluate(() => document.cookie)).toBe('');
  await expect(leadPage.getByTestId('console-live')).toHaveAttribute('data-live', 'live');
  await expect(leadPage.getByTestId('console-escalations-empty')).toBeVisible();

  // The reviewer escalates from the side panel.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const created = (await sendFromPage(panel, 'flag.create', {
    item: {
      platform: 'shopvid',
      kind: 'live',
      itemId: '7711001',
      url: 'https://shop.example/@lena/live/7711001',
      creatorId: 'lena',
      creatorHandle: 'lena',
      title: 'Live stream 7711001',
    },
    policyId: 'counterfeit-goods',
    severity: 'critical',
  })) as { ok: boolean };
  expect(created.ok).toBe(true);
  await panel.reload();
  await panel.getByTestId('queue-row').first().click();
  await panel.getByTestId('escalate-open').click();
  const dialog = panel.getByTestId('escalate-dialog');
  await dialog.getByTestId('escalate-category').selectOption('child_safety');
  await dialog.getByTestId('escalate-reason').fill('A minor is in danger on this live stream.');
  await dialog.getByTestId('escalate-submit').click();
  const receipt = panel.getByTestId('escalation').first();
  await expect(receipt).toHaveAttribute('data-stage', 'delivered', { timeout: 15_000 });

  // It arrives in the console without a reload, with its SLA timers running.
  const card = leadPage.getByTestId('console-escalation').first();
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText('A minor is in danger on this live stream.');
  await expect(card).toContainText('Child safety');
  await expect(card.getByTestId('sla-ack')).toContainText('Acknowledge within');
  await expect(card.getByTestId('sla-resolve')).toContainText('Resolve within');
  await expect(leadPage.getByTestId('escalation-tab-open')).toContainText('1');
  expect(await axeViolations(leadPage)).toEqual([]);

  await card.getByTestId('escalation-acknowledge').click();
  await expect(receipt).toHaveAttribute('data-stage', 'acknowledged', { timeout: 20_000 });
  await expect(receipt.getByTestId('escalation-receipt')).toContainText('lead-lin');
  await expect(leadPage.getByTestId('console-escalations-empty')).toBeVisible();

  await leadPage.getByTestId('escalation-tab-acknowledged').click();
  const acknowledged = leadPage.getByTestId('console-escalation').first();
  await expect(acknowledged).toHaveAttribute('data-state', 'acknowledged');
  await acknowledged.getByTestId('escalation-resolve-open').click();
  const form = acknowledged.getByTestId('resolve-form');
  // Nothing chosen: refused with a message, nothing sent.
  await form.getByTestId('resolve-with-action').check();
  await form.getByTestId('resolve-submit').click();
  await expect(form.getByRole('alert').first()).toBeVisible();
  expect(await axeViolations(leadPage)).toEqual([]);
  await form.getByTestId('resolve-decision').selectOption('actioned');
  await form.getByTestId('resolve-note').fill('Stream ended and the creator suspended.');
  await form.getByTestId('resolve-action').selectOption('suspended');
  await form.getByTestId('resolve-action-reason').fill('Endangering a minor on a live stream.');
  await form.getByTestId('resolve-submit').click();
  await expect(leadPage.getByTestId('console-escalations-empty')).toBeVisible();

  // The reviewer sees the outcome on the receipt.
  await expect(receipt).toHaveAttribute('data-stage', 'resolved', { timeout: 20_000 });
  await expect(receipt.getByTestId('escalation-receipt')).toContainText('actioned');

  await leadPage.getByTestId('escalation-tab-resolved').click();
  const resolved = leadPage.getByTestId('console-escalation').first();
  await expect(resolved.getByTestId('console-escalation-outcome')).toContainText('Actioned');
  const { rows } = await endpoint.server.db.query<{ action: string; reason: string }>(
    `select action, reason from enforcement_actions where creator_id = 'lena'`,
  );
  expect(rows).toEqual([{ action: 'suspended', reason: 'Endangering a minor on a live stream.' }]);

  // The creator page shows it, with the score explained.
  await leadPage.getByTestId('console-nav-creator').click();
  await leadPage.getByTestId('creator-key').fill('shopvid:lena');
  await leadPage.getByTestId('creator-open').click();
  await expect(leadPage.getByTestId('creator-action-row').first()).toContainText('Suspended');
  await expect(leadPage.getByTestId('risk-explanation')).toBeVisible();

  // Sign out: the sign-in page, and the API answers 401.
  await leadPage.getByTestId('console-sign-out').click();
  await expect(leadPage.getByTestId('console-sign-in')).toBeVisible();
  const after = await leadPage.evaluate(async () => (await fetch('/console/api/flags')).status);
  expect(after).toBe(401);
  await leadPage.reload();
  await expect(leadPage.getByTestId('console-sign-in')).toBeVisible();
  expect(problems).toEqual([]);
});

/** Flags of three reviewers, two of whom judged the same items (agreement has data). */
async function seed(endpoint: TestEndpoint) {
  const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const decided = new Date(Date.now() - 3_600_000).toISOString();
  const make = (reviewer: string, i: number, status: Flag['status']): Flag => ({
    id: newUlid(),
    revision: 1,
    reviewer,
    createdAt: at,
    updatedAt: decided,
    deleted: false,
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: `88${i}`,
      url: `https://shop.example/@lena/video/88${i}`,
      creatorId: i % 2 ? 'lena' : 'minh',
      creatorHandle: i % 2 ? 'lena' : 'minh',
      title: `Listing ${i}: Đồng hồ chính hãng giảm giá 90% hôm nay, ของแท้ 100% ส่งฟรีทั่วประเทศ`,
      market: (['TH', 'VN', 'ID'] as const)[i % 3] ?? 'TH',
    },
    policyId: i % 2 ? 'counterfeit-goods' : 'off-platform-diversion',
    policyVersion: '1',
    ruleId: i % 2 ? 'replica-terms' : 'whatsapp-link',
    severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4] ?? 'low',
    source: 'auto',
    status,
    evidence: [],
    note: '',
  });
  const statuses: Flag['status'][] = ['confirmed', 'dismissed', 'confirmed', 'suggested'];
  for (const [reviewer, flip] of [
    ['rev-a', false],
    ['rev-b', true],
  ] as const) {
    const token = (await issueToken(endpoint.server.db, reviewer)).token;
    const records = statuses.map((s, i) => ({
      type: 'flag',
      record: make(reviewer, i, flip && i === 2 ? 'dismissed' : s),
    }));
    const response = await fetch(`${endpoint.url}/v1/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    expect(response.status).toBe(200);
  }
}

/** Text on the page now: English left over (in another language), and text cut off sideways. */
function survey(page: Page, englishOnly: string[]) {
  return page.evaluate((englishMessages) => {
    const englishTexts = new Set(englishMessages);
    const found = { english: [] as string[], clipped: [] as string[] };
    const skip = new Set(['SELECT', 'OPTION', 'INPUT', 'TEXTAREA', 'SCRIPT', 'STYLE', 'CODE']);
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (skip.has(el.tagName) || el.closest('svg, .visually-hidden, .skip, [hidden]')) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => (n.textContent ?? '').trim())
        .filter(Boolean);
      if (own.length === 0) continue;
      for (const text of own) if (englishTexts.has(text)) found.english.push(text);
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        found.clipped.push(`${el.tagName.toLowerCase()}: ${own.join(' ').slice(0, 60)}`);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      found.clipped.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px)`);
    return found;
  }, englishOnly);
}

const LANGUAGES = ['th', 'vi', 'id', 'ms', 'fil', 'en'] as const;

test('every console view in six languages: nothing English left, nothing cut off, axe clean', async ({
  browserWithExtension,
}) => {
  test.setTimeout(300_000);
  await seed(endpoint);
  const lead = (await issueToken(endpoint.server.db, 'lead-lin', { role: 'lead' })).token;
  // An open escalation, so the queue shows a card with its timers.
  const reviewerToken = (await issueToken(endpoint.server.db, 'rev-c')).token;
  const flagId = newUlid();
  const escalated = await fetch(`${endpoint.url}/v1/escalations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reviewerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: newUlid(),
      flagId,
      category: 'scam_wave',
      reason: 'Coordinated scam wave: the same fake giveaway on 40 lives.',
      item: {
        platform: 'shopvid',
        kind: 'live',
        itemId: '9901',
        url: 'https://shop.example/@lena/live/9901',
        creatorId: 'lena',
      },
      createdAt: new Date().toISOString(),
    }),
  });
  expect(escalated.status).toBe(201);

  const page = await browserWithExtension.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${endpoint.url}/console#/escalations`);
  await page.getByTestId('console-token').waitFor();
  await signIn(page, lead);
  await expect(page.getByTestId('console-who')).toBeVisible();

  // A filter value the schema refuses is named beside its field; nothing is asked.
  await page.getByTestId('console-nav-flags').click();
  await page.getByTestId('flags-creator').fill('lena');
  await page.getByTestId('flags-apply').click();
  await expect(page.getByTestId('flags-creator-error')).toContainText('platform:creatorId');
  await page.getByTestId('flags-creator').fill('shopvid:lena');
  await page.getByTestId('flags-apply').click();
  await expect(page.getByTestId('flags-creator-error')).toHaveCount(0);
  await expect(page.getByTestId('flag-row')).toHaveCount(4);

  const views = [
    { hash: '#/escalations', ready: 'console-escalation' },
    { hash: '#/flags', ready: 'flag-row' },
    { hash: '#/creator/shopvid/lena', ready: 'creator-totals' },
    { hash: '#/metrics', ready: 'metrics-by-reviewer' },
    { hash: '#/agreement', ready: 'agreement-overall' },
  ];
  for (const lang of LANGUAGES) {
    const own = catalogue(lang);
    const ownTexts = new Set(Object.values(own).map(({ message }) => message));
    const englishOnly =
      lang === 'en'
        ? []
        : Object.entries(english)
            .filter(([key]) => key.startsWith('console'))
            .map(([, { message }]) => message)
            .filter((message) => !ownTexts.has(message) && /\p{L}{2}/u.test(message))
            .filter((message) => !message.includes('$'));
    await page.getByTestId('console-language').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    for (const view of views) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, view.hash);
      await expect(page.getByTestId(view.ready).first()).toBeVisible();
      await expect(page.locator('h1').first()).not.toBeEmpty();
      const found = await survey(page, englishOnly);
      expect(found.english, `${lang} ${view.hash}: English strings`).toEqual([]);
      expect(found.clipped, `${lang} ${view.hash}: text cut off`).toEqual([]);
      expect(await axeViolations(page), `${lang} ${view.hash}: accessibility`).toEqual([]);
    }
    await page.screenshot({
      path: `artifacts/screenshots/console-${lang}-agreement.png`,
      fullPage: true,
    });
  }
  // The language chosen is kept for the next visit.
  await page.getByTestId('console-language').selectOption('vi');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByTestId('console-sign-out')).toHaveText(
    catalogue('vi').consoleSignOut?.message ?? '',
  );
});
