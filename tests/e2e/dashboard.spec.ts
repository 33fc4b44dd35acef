/**
 * The dashboard in real Chromium: counts that match the seeded flags, an export downloaded
 * from one profile and imported through the file input of a fresh one reproducing its flags
 * and notes, a bad file that changes nothing and says where it is wrong, and no serious or
 * critical accessibility violations.
 */
import { rm } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag } from '@/lib/shared/protocol/records';
import { launchWithExtension, newProfileDir } from './support/chromium';
import { sendFromPage } from './support/extension-pages';
import { expect, test } from './support/fixtures';

const dashboardUrl = (id: string) => `chrome-extension://${id}/dashboard.html`;

interface Seed {
  policyId: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  market?: 'TH' | 'VN' | 'SG';
  creator: string;
  status?: 'confirmed' | 'dismissed' | 'suggested';
  ruleId?: string;
}

// 9 flags: 4 off-platform, 3 counterfeit, 2 health; 4 TH, 3 VN, 2 without a market.
const SEEDS: Seed[] = [
  {
    policyId: 'off-platform',
    severity: 'high',
    market: 'TH',
    creator: 'lena',
    status: 'confirmed',
    ruleId: 'line-id',
  },
  {
    policyId: 'off-platform',
    severity: 'high',
    market: 'TH',
    creator: 'lena',
    status: 'dismissed',
    ruleId: 'line-id',
  },
  {
    policyId: 'off-platform',
    severity: 'medium',
    market: 'TH',
    creator: 'lena',
    status: 'dismissed',
    ruleId: 'line-id',
  },
  {
    policyId: 'off-platform',
    severity: 'low',
    market: 'VN',
    creator: 'minh',
    status: 'confirmed',
    ruleId: 'zalo',
  },
  { policyId: 'counterfeit-goods', severity: 'critical', market: 'VN', creator: 'minh' },
  { policyId: 'counterfeit-goods', severity: 'critical', market: 'VN', creator: 'lena' },
  { policyId: 'counterfeit-goods', severity: 'high', market: 'TH', creator: 'ari' },
  { policyId: 'health-claims', severity: 'medium', creator: 'ari' },
  { policyId: 'health-claims', severity: 'low', creator: 'ari' },
];

async function seed(page: Page) {
  for (const [i, s] of SEEDS.entries()) {
    const answer = (await sendFromPage(page, 'flag.create', {
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId: `73000${i}`,
        url: `https://shop.example/@${s.creator}/video/73000${i}`,
        creatorId: s.creator,
        creatorHandle: s.creator,
        title: `ของแท้ 100%, "hàng chính hãng" #${i}`,
        ...(s.market ? { market: s.market } : {}),
      },
      policyId: s.policyId,
      severity: s.severity,
      note: `note, with "quotes"\nand a line ${i}`,
      ...(s.ruleId ? { source: 'auto', ruleId: s.ruleId } : {}),
      ...(s.status ? { status: s.status } : {}),
    })) as { ok: boolean };
    expect(answer.ok).toBe(true);
  }
  const note = (await sendFromPage(page, 'note.create', {
    target: {
      type: 'creator',
      creator: { platform: 'shopvid', creatorId: 'lena', handle: 'lena' },
    },
    text: 'Chuyển khoản qua Zalo, ติดต่อทางไลน์ 🙂',
  })) as { ok: boolean };
  expect(note.ok).toBe(true);
}

/** A table row of a chart's screen-reader table, by its label. */
const cell = (page: Page, chart: string, label: string | RegExp) =>
  page.getByTestId(chart).getByRole('row', { name: label, exact: false }).getByRole('cell');

async function allRecords(page: Page) {
  const read = async (kind: string) => {
    const answer = (await sendFromPage(page, 'exchange.exportPage', { kind })) as {
      data: { records: { id: string }[] };
    };
    return answer.data.records.sort((a, b) => a.id.localeCompare(b.id));
  };
  return { flags: await read('flags'), notes: await read('notes') };
}

test('the dashboard shows the counts of the seeded flags', async ({ browserWithExtension }) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  await seed(page);
  await page.reload();

  await expect(page.getByTestId('totals')).toHaveText('9 flags in this period, 9 in all');
  // A policy the pack knows is shown by its name; one it does not, by its id in words.
  await expect(cell(page, 'chart-per-policy', 'Off platform')).toHaveText('4');
  await expect(cell(page, 'chart-per-policy', /counterfeit goods/i)).toHaveText('3');
  await expect(cell(page, 'chart-per-policy', 'Health claims')).toHaveText('2');
  await expect(page.getByTestId('chart-per-policy')).not.toContainText('health-claims');
  await expect(cell(page, 'chart-per-market', 'TH')).toHaveText('4');
  await expect(cell(page, 'chart-per-market', 'VN')).toHaveText('3');
  await expect(cell(page, 'chart-per-market', 'Unknown market')).toHaveText('2');
  await expect(cell(page, 'chart-per-severity', 'Critical')).toHaveText('2');
  // Creators never seen on a page (only flagged through messages) have no known handle:
  // they read as their id and the platform's name, never as the store's key.
  await expect(cell(page, 'chart-per-creator', 'lena · ShopVid')).toHaveText('4');
  await expect(page.getByTestId('chart-per-creator')).not.toContainText('shopvid:');
  await expect(cell(page, 'chart-per-status', 'Dismissed')).toHaveText('2');
  // Today's bar holds all nine.
  await expect(
    page.getByTestId('chart-per-day').locator('tbody tr').last().getByRole('cell'),
  ).toHaveText('9');
  await expect(page.getByTestId('sync-pending')).toHaveText('10');
  // Weakest rule first: line-id (1 confirmed, 2 dismissed) before zalo (1 confirmed).
  const rules = page.getByTestId('rule-precision').locator('tbody tr');
  // A rule and policy the active pack does not know read as words, never as their ids.
  await expect(rules.first().locator('.rule-name')).toHaveText('Line id');
  await expect(rules.first().locator('.rule-policy')).toHaveText('Off platform');
  await expect(rules.first().getByRole('cell')).toHaveText(['1', '2', '33%', '43%']);
  await expect(rules.nth(1).locator('.rule-name')).toHaveText('Zalo');
});

test('an export downloaded from one profile and imported into a fresh one gives the same flags and notes; a bad file changes nothing', async ({
  browserWithExtension,
}, testInfo) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  await seed(page);
  await page.reload();

  await page.getByLabel(/byte-order mark/).check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = testInfo.outputPath('export.csv');
  await (await downloading).saveAs(file);
  await expect(page.getByTestId('exchange-status')).toContainText('Exported 9 flags, 1 notes');
  const original = await allRecords(page);

  const secondProfile = await newProfileDir();
  const second = await launchWithExtension(secondProfile);
  try {
    const fresh = await second.context.newPage();
    await fresh.goto(dashboardUrl(second.extensionId));
    await fresh.getByLabel('Import a Flagpost CSV or JSON export').setInputFiles(file);
    const report = fresh.getByTestId('import-report');
    await expect(report).toContainText('Flags: 9 added');
    await expect(report).toContainText('Notes: 1 added');
    // The placeholder reviewer id is nobody's: imported records stay on this device.
    await expect(report).toContainText('10 records of other reviewers');
    expect(await allRecords(fresh)).toEqual(original);
    await expect(fresh.getByTestId('totals')).toHaveText('9 flags in this period, 9 in all');

    // Importing the same file again changes nothing.
    await fresh.getByLabel('Import a Flagpost CSV or JSON export').setInputFiles(file);
    await expect(report).toContainText('Flags: 0 added, 0 updated, 9 unchanged');
    expect(await allRecords(fresh)).toEqual(original);

    // A file with one bad value: refused whole, with the row and column.
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\r\n');
    lines[3] = (lines[3] ?? '').replace(/,(low|medium|high|critical),/, ',extreme,');
    const extra = (lines[2] ?? '').replace(/^flag,0/, 'flag,1');
    const bad = [...lines.slice(0, -1), extra, ''].join('\r\n');
    await fresh.getByLabel('Import a Flagpost CSV or JSON export').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad, 'utf8'),
    });
    const problems = fresh.getByTestId('import-problems');
    await expect(problems).toContainText('nothing changed');
    await expect(problems).toContainText('Row 4, column 11 (severity): must be one of: low');
    expect(await allRecords(fresh)).toEqual(original);
  } finally {
    await second.context.close();
    await rm(secondProfile, { recursive: true, force: true });
  }
});

test('a chart bar opens the review queue filtered to its slice', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  await seed(page);
  await page.reload();
  await page
    .getByTestId('chart-per-policy')
    .getByRole('link', { name: /counterfeit goods/i })
    .click();
  await expect(page).toHaveURL(/sidepanel\.html\?policyId=counterfeit-goods$/);
  await expect(page.getByTestId('filter-policy')).toHaveValue('counterfeit-goods');
  await expect(page.getByTestId('matching-count')).toHaveText('3 flags match');
  await page.goBack();
  await page.getByTestId('chart-per-severity').getByRole('link', { name: 'Critical' }).click();
  await expect(page.getByTestId('filter-severity')).toHaveValue('critical');
  await expect(page.getByTestId('matching-count')).toHaveText('2 flags match');
});

/** Flags made three days ago (at local noon), imported as another profile's export would be. */
async function importOlderFlags(page: Page, count: number): Promise<Date> {
  const day = new Date();
  day.setDate(day.getDate() - 3);
  day.setHours(12, 0, 0, 0);
  const flags: Flag[] = Array.from({ length: count }, (_, i) => {
    const at = new Date(day.getTime() + i * 60_000).toISOString();
    const itemId = `72000${i}`;
    return {
      id: newUlid(Date.parse(at)),
      revision: 1,
      reviewer: 'bob',
      createdAt: at,
      updatedAt: at,
      deleted: false,
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId,
        url: `https://shop.example/@minh/video/${itemId}`,
        creatorId: 'minh',
        title: `Older listing ${i}`,
      },
      policyId: 'off-platform',
      policyVersion: '1',
      severity: 'medium',
      source: 'manual',
      status: 'suggested',
      evidence: [],
      note: '',
    };
  });
  const text = writeJsonExport({ flags, notes: [], creators: [] }, new Date().toISOString());
  await page.getByLabel('Import a Flagpost CSV or JSON export').setInputFiles({
    name: 'older.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
  await expect(page.getByTestId('import-report')).toContainText(`Flags: ${count} added`);
  return day;
}

test('a day of the per-day chart opens the queue on that local day only, and can be cleared', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  await seed(page);
  await page.reload();
  const day = await importOlderFlags(page, 2);
  await expect(page.getByTestId('totals')).toHaveText('11 flags in this period, 11 in all');

  // The bar is a link named by its date as the UI language writes it, and its count.
  const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(day);
  const bar = page
    .getByTestId('chart-per-day')
    .getByRole('link', { name: `${date}: 2 flags, open in the review queue` });
  // Reached and followed from the keyboard.
  await bar.focus();
  await expect(bar).toBeFocused();
  await page.keyboard.press('Enter');
  const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  await expect(page).toHaveURL(new RegExp(`sidepanel\\.html\\?day=${iso}$`));
  await expect(page.getByTestId('matching-count')).toHaveText('2 flags match');
  await expect(page.getByTestId('filter-day')).toContainText(`Day: ${date}`);
  const rows = page.getByTestId('queue-row');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText('Older listing');

  // Cleared: every day's flags again.
  await page.getByTestId('filter-day-clear').click();
  await expect(page.getByTestId('filter-day')).toHaveCount(0);
  await expect(page.getByTestId('matching-count')).toHaveText('11 flags match');

  // A day that is not on the calendar is refused with a clear message, the rest still used.
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html?day=2026-02-30&market=VN`);
  await expect(page.getByTestId('panel-error')).toContainText(
    'day: 2026-02-30 is not a date on the calendar',
  );
  await expect(page.getByTestId('filter-market')).toHaveValue('VN');
  await expect(page.getByTestId('filter-day')).toHaveCount(0);
});

test('the dashboard has no serious or critical accessibility violations', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  await seed(page);
  await page.reload();
  await expect(page.getByTestId('totals')).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
