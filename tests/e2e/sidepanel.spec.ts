/**
 * The reviewer's side panel, opened as a tab (Playwright cannot press the browser's side
 * panel button): a 10,000-flag queue (50,000 with SIDEPANEL_FLAGS) scrolls with a bounded number of rows in the DOM;
 * filters narrow it; a bulk action with a reason makes new revisions and undo restores the
 * earlier state as newer ones; triage works from the keyboard alone; axe finds no serious
 * or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { sendFromPage } from './support/extension-pages';
import { expect, test } from './support/fixtures';

// 50,000 through flag.create took over 4 minutes here (each one a strict-durability
// transaction), far past the ~60 s budget: 10,000 by default, SIDEPANEL_FLAGS=50000 for the
// full figure.
const SCROLL_FLAGS = Number(process.env.SIDEPANEL_FLAGS ?? 10_000);
const POLICIES = ['off-platform-diversion', 'counterfeit-goods', 'price-anomaly'];
const MARKETS = ['SG', 'MY', 'TH', 'VN', 'ID', 'PH'];
const STATUSES = ['suggested', 'confirmed', 'dismissed'];

/** What flag i of the seed looks like (the same rule runs in the page). */
const seeded = (i: number) => ({
  policyId: POLICIES[i % 3] as string,
  market: MARKETS[i % 6] as string,
  status: STATUSES[i % 3 === 0 ? 0 : (i >> 1) % 3] as string,
  creator: `seller${i % 5}`,
});

/** Creates `count` flags through `flag.create`, many in flight at once, as pages would. */
async function seed(page: Page, count: number, onlyStatus?: string): Promise<number> {
  const started = Date.now();
  await page.evaluate(
    async ({ count, policies, markets, statuses, onlyStatus }) => {
      const runtime = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome.runtime;
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < count; i = next++) {
          const answer = await runtime.sendMessage({
            flagpost: 1,
            name: 'flag.create',
            request: {
              item: {
                platform: 'shopvid',
                kind: 'video',
                itemId: String(500000 + i),
                url: `https://shop.example/@seller${i % 5}/video/${500000 + i}`,
                creatorId: `seller${i % 5}`,
                creatorHandle: `seller${i % 5}`,
                title: `Item ${i}`,
                market: markets[i % 6],
              },
              policyId: policies[i % 3],
              severity: 'high',
              status: onlyStatus ?? statuses[i % 3 === 0 ? 0 : (i >> 1) % 3],
              source: 'manual',
            },
          });
          if (!answer.ok) throw new Error(JSON.stringify(answer));
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
    },
    { count, policies: POLICIES, markets: MARKETS, statuses: STATUSES, onlyStatus },
  );
  return Date.now() - started;
}

const panelUrl = (id: string) => `chrome-extension://${id}/sidepanel.html`;
const matching = (page: Page) => page.getByTestId('matching-count');
const rowsInDom = (page: Page) => page.getByTestId('queue-row').count();

interface Row {
  id: string;
  revision: number;
  status: string;
  note: string;
  policyId: string;
  item: { itemId: string; title?: string };
}
async function allRows(
  page: Page,
  filter: Record<string, string>,
  sort = 'newest',
): Promise<Row[]> {
  const answer = (await sendFromPage(page, 'queue.page', { filter, sort, limit: 200 })) as {
    ok: boolean;
    data: { rows: Row[] };
  };
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.data.rows;
}

test(`a ${SCROLL_FLAGS.toLocaleString('en')}-flag queue scrolls to the end with only a bounded number of rows in the DOM`, async ({
  browserWithExtension,
}) => {
  // Seeding dominates: about 8 ms a flag on a shared 2-core machine.
  test.setTimeout(Math.max(300_000, SCROLL_FLAGS * 15));
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  const seedMs = await seed(page, SCROLL_FLAGS);
  console.log(`seeded ${SCROLL_FLAGS} flags through flag.create in ${seedMs} ms`);

  await page.reload();
  await expect(matching(page)).toHaveText(`${SCROLL_FLAGS.toLocaleString('en')} flags match`, {
    timeout: 30_000,
  });
  // Newest first: the order an index holds, so the oldest flag is the last row.
  await page.getByLabel('Sort by').selectOption('newest');
  const list = page.getByTestId('queue-list');
  await expect(list.getByTestId('queue-row').first()).toContainText('Item');
  let most = 0;
  const height = await list.evaluate((el) => el.scrollHeight);
  for (let top = 0; top < height; top += Math.ceil(height / 40)) {
    await list.evaluate((el, y) => {
      el.scrollTop = y;
    }, top);
    await expect(list.locator('[data-testid="queue-row"]').first()).toBeVisible();
    most = Math.max(most, await rowsInDom(page));
  }
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = list.locator(`[aria-posinset="${SCROLL_FLAGS}"]`);
  await expect(last).toContainText('Item 0', { timeout: 30_000 }); // the oldest flag
  most = Math.max(most, await rowsInDom(page));
  console.log(`at most ${most} rows in the DOM while scrolling ${SCROLL_FLAGS} flags`);
  expect(most).toBeLessThanOrEqual(60);
});

test('filters narrow the queue and the counts agree with the data', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  await seed(page, 90);
  await page.reload();
  await expect(matching(page)).toHaveText('90 flags match');

  const expectCount = (n: number) => expect(matching(page)).toHaveText(`${n} flags match`);
  const all = Array.from({ length: 90 }, (_, i) => seeded(i));
  await page.getByLabel('Policy').selectOption('price-anomaly');
  await expectCount(all.filter((f) => f.policyId === 'price-anomaly').length);
  await page.getByTestId('filter-market').selectOption('TH');
  const thPrice = all.filter((f) => f.policyId === 'price-anomaly' && f.market === 'TH');
  await expectCount(thPrice.length);
  // The list is virtualised and redraws as the filter lands: ask for every drawn row at once.
  await expect
    .poll(async () => {
      const texts = await page.getByTestId('queue-row').allTextContents();
      return texts.length > 0 && texts.every((text) => text.includes('TH'));
    })
    .toBe(true);
  await page.getByLabel('Policy').selectOption('');
  await page.getByTestId('filter-market').selectOption('');
  await page.getByTestId('filter-creator').selectOption('shopvid:seller2');
  await expectCount(all.filter((f) => f.creator === 'seller2').length);
  await page.getByLabel('Status').selectOption('dismissed');
  await expectCount(all.filter((f) => f.creator === 'seller2' && f.status === 'dismissed').length);
  await page.getByTestId('filter-creator').selectOption('');
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Sync state').selectOption('synced');
  await expect(page.getByTestId('queue-empty')).toBeVisible(); // no endpoint: nothing synced
  await page.getByLabel('Sync state').selectOption('pending');
  await expectCount(90);
});

test('a bulk dismiss needs a reason, makes new revisions, and undo restores them as newer ones', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  await seed(page, 60);
  await page.reload();
  await page.getByLabel('Policy').selectOption('counterfeit-goods');
  await expect(matching(page)).toHaveText('20 flags match');
  const before = await allRows(page, { policyId: 'counterfeit-goods' });
  const dismissedBefore = before.filter((r) => r.status === 'dismissed').length;

  // Shift-click selects a range; then every flag matching the filter.
  await page.getByTestId('queue-row').nth(0).click();
  await page
    .getByTestId('queue-row')
    .nth(4)
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selected-count')).toHaveText('5 selected');
  await page.getByRole('button', { name: 'Select all matching' }).click();
  await expect(page.getByTestId('selected-count')).toHaveText('All 20 matching flags selected');

  await page.getByTestId('bulk-dismiss').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give a reason' })).toBeVisible();
  await page.getByLabel('Reason (required for bulk actions)').fill('duplicate reports');
  await page.getByTestId('bulk-dismiss').click();
  const changed = 20 - dismissedBefore;
  await expect(page.getByTestId('panel-status')).toHaveText(
    `Bulk dismiss: ${changed} flags changed.`,
  );
  await page.getByLabel('Status').selectOption('dismissed');
  await expect(matching(page)).toHaveText('20 flags match');

  const after = new Map(
    (await allRows(page, { policyId: 'counterfeit-goods' })).map((r) => [r.id, r]),
  );
  for (const row of before) {
    const now = after.get(row.id);
    expect(now?.status).toBe('dismissed');
    if (row.status !== 'dismissed') {
      expect(now?.revision).toBe(row.revision + 1);
      expect(now?.note).toContain('[bulk dismiss] duplicate reports');
    }
  }

  await expect(page.getByTestId('undo')).toContainText('duplicate reports');
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('panel-status')).toHaveText(
    `Undid bulk dismiss: ${changed} flags restored.`,
  );
  await expect(matching(page)).toHaveText(`${dismissedBefore} flags match`);
  const restored = new Map(
    (await allRows(page, { policyId: 'counterfeit-goods' })).map((r) => [r.id, r]),
  );
  for (const row of before) {
    const now = restored.get(row.id);
    expect(now?.status).toBe(row.status);
    expect(now?.note).toBe(row.note);
    expect(now?.revision).toBe(row.status === 'dismissed' ? row.revision : row.revision + 2);
  }
  // Undo is one-shot: the action is gone once undone.
  await expect(page.getByTestId('undo')).toHaveCount(0);
});

test('keyboard-only triage: decide and move on, step, pick by number, select, note, policy filter and the shortcut list', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  await seed(page, 12, 'suggested');
  await page.reload();
  await expect(matching(page)).toHaveText('12 flags match');

  // Reach the queue with Tab alone.
  for (let i = 0; i < 40; i++) {
    if (await page.getByTestId('queue-list').evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('queue-list')).toBeFocused();
  const rows = page.getByTestId('queue-row');
  const status = (n: number) => rows.nth(n).getByTestId('row-status');

  // c and d decide the active flag and move on: the next key is for the next flag.
  await page.keyboard.press('c');
  await page.keyboard.press('d');
  await expect(status(0)).toHaveText('Confirmed');
  await expect(status(1)).toHaveText('Dismissed');
  await expect(status(2)).toHaveText('Suggested');
  await expect(rows.nth(2)).toHaveClass(/active/);
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(4)).toHaveClass(/active/);
  await page.keyboard.press('k');
  await expect(rows.nth(3)).toHaveClass(/active/);
  // Number keys pick the n-th row in view, as they pick the n-th finding in the card: the key
  // shown beside a row picks it (which number a row gets depends on the scroll position).
  const rowKey = rows.nth(5).locator('.row-key');
  await expect(rowKey).toHaveText(/^[1-9]$/);
  await page.keyboard.press(((await rowKey.textContent()) ?? '').trim());
  await expect(rows.nth(5)).toHaveClass(/active/);
  await page.keyboard.press('x');
  await expect(page.getByTestId('selected-count')).toHaveText('1 selected');
  await expect(rows.nth(5)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('n');
  await expect(page.getByTestId('note-dialog')).toBeVisible();
  await page.keyboard.type('seen twice today');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-status')).toHaveText('Note saved.');
  const notes = (await allRows(page, {})).map((r) => r.note);
  expect(notes).toContain('seen twice today');
  await expect(status(5)).toHaveText('Suggested');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row')).toHaveCount(10);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('p');
  await expect(page.getByLabel('Policy')).toBeFocused();
  await page.getByLabel('Policy').selectOption('counterfeit-goods');
  await expect(matching(page)).toHaveText('4 flags match');
});

test('a review of 30 flags by keyboard alone: each decision lands once, on the flag that was active', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  await seed(page, 30, 'suggested');
  await page.reload();
  await expect(matching(page)).toHaveText('30 flags match');
  // The order the panel shows (priority, its default), as the background computes it.
  const before = await allRows(page, {}, 'priority');
  expect(before).toHaveLength(30);
  await expect(page.getByTestId('queue-row').first().getByTestId('row-item')).toHaveText(
    before[0]?.item.title ?? '',
  );

  await page.getByTestId('queue-list').focus();
  const decisions = before.map((_, i) => (i % 3 === 0 ? 'd' : 'c'));
  for (const key of decisions) await page.keyboard.press(key);
  await expect(page.getByTestId('panel-status')).toHaveText(
    'End of the queue: every flag shown has been reviewed.',
  );
  // One more key past the end acts on nothing.
  await page.keyboard.press('c');

  await expect
    .poll(async () => (await allRows(page, {})).filter((r) => r.status === 'suggested').length)
    .toBe(0);
  const after = new Map((await allRows(page, {})).map((r) => [r.id, r]));
  before.forEach((row, i) => {
    const now = after.get(row.id);
    expect(now?.status, `flag ${i}`).toBe(decisions[i] === 'c' ? 'confirmed' : 'dismissed');
    expect(now?.revision, `flag ${i} changed once`).toBe(row.revision + 1);
  });
});

test('the panel has no serious or critical accessibility violations', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(panelUrl(extensionId));
  await seed(page, 30);
  await page.reload();
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.getByTestId('queue-row').nth(1).click();
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
  expect(await serious()).toEqual([]);
});
