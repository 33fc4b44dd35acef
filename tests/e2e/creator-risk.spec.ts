/**
 * The creator panel in real Chromium against the real governance endpoint: local flags
 * merged with other reviewers' records and an enforcement action, the score explained, a
 * creator note that survives a browser restart and arrives at the endpoint, and the cached
 * history used (with its age) when the endpoint is gone.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag, Note } from '@/lib/shared/protocol/records';
import { issueToken } from '../../server/app';
import { launchWithExtension } from './support/chromium';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage } from './support/extension-pages';
import { expect, test } from './support/fixtures';

const CREATOR = { platform: 'shopvid', creatorId: 'lena.glow' };
const ITEM = {
  platform: 'shopvid',
  kind: 'video' as const,
  itemId: '7301234567890123456',
  url: 'https://shop.example/@lena.glow/video/7301234567890123456',
  creatorId: 'lena.glow',
  creatorHandle: 'lena.glow',
};
let endpoint: TestEndpoint;

test.beforeEach(async () => {
  endpoint = await startTestEndpoint();
});
test.afterEach(async () => {
  await endpoint.close();
});

async function postAs(token: string, path: string, body: unknown) {
  const response = await fetch(new URL(path, endpoint.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
}

/** Another reviewer's flag and note, and an enforcement action, straight to the endpoint. */
async function seedOtherReviewers(): Promise<{ bobFlagId: string }> {
  const bob = (await issueToken(endpoint.server.db, 'bob')).token;
  const lead = (await issueToken(endpoint.server.db, 'lead', { admin: true })).token;
  const now = new Date().toISOString();
  const base = { revision: 1, reviewer: 'bob', createdAt: now, updatedAt: now, deleted: false };
  const flag: Flag = {
    ...base,
    id: newUlid(),
    item: { ...ITEM, itemId: '7309999999999999999', url: 'https://shop.example/v/7309999' },
    policyId: 'off-platform',
    policyVersion: '1',
    severity: 'critical',
    source: 'manual',
    status: 'confirmed',
    evidence: [],
    note: 'asks buyers to pay on WhatsApp',
  };
  const note: Note = {
    ...base,
    id: newUlid(),
    target: { type: 'creator', creator: { ...CREATOR, handle: 'lena.glow' } },
    text: 'Bob: repeat offender on counterfeit bags',
  };
  await postAs(bob, '/v1/batches', {
    records: [
      { type: 'flag', record: flag },
      { type: 'note', record: note },
    ],
  });
  await postAs(lead, '/v1/enforcement-actions', {
    id: newUlid(),
    creator: CREATOR,
    action: 'suspended',
    reason: 'Suspended for counterfeit listings',
    at: now,
  });
  return { bobFlagId: flag.id };
}

async function configure(context: BrowserContext, extensionId: string) {
  await configureEndpoint(context, extensionId, {
    endpointUrl: endpoint.url,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });
}

/** A local flag on the creator's video, as the overlay records one. */
async function flagLocally(context: BrowserContext, extensionId: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const creator = { ...CREATOR, handle: 'lena.glow', displayName: 'Lena Glow' };
  await sendFromPage(page, 'item.state', { item: ITEM, creator });
  const answer = (await sendFromPage(page, 'flag.create', {
    item: ITEM,
    policyId: 'counterfeit-goods',
    severity: 'high',
    note: 'replica bag',
  })) as { ok: boolean; data: { id: string } };
  expect(answer.ok).toBe(true);
  await page.close();
  return answer.data.id;
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  const query = new URLSearchParams(CREATOR).toString();
  await page.goto(`chrome-extension://${extensionId}/creator.html?${query}`);
  await expect(page.getByTestId('risk-summary')).toBeVisible();
  return page;
}

test('the creator panel merges local flags with the endpoint history and explains the score', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const { bobFlagId } = await seedOtherReviewers();
  await configure(context, extensionId);
  const localFlagId = await flagLocally(context, extensionId);

  const panel = await openPanel(context, extensionId);
  await expect(panel.getByRole('heading', { level: 1 })).toContainText('Lena Glow');
  await expect(panel.getByTestId('history-age')).toHaveAttribute('data-state', 'fresh');
  await expect(panel.getByTestId('history-age')).toContainText('Endpoint history fetched');

  const timeline = panel.getByTestId('risk-timeline');
  await expect(timeline.locator(`[data-id="${localFlagId}"]`)).toHaveAttribute(
    'data-source',
    'local',
  );
  await expect(timeline.locator(`[data-id="${bobFlagId}"]`)).toHaveAttribute(
    'data-source',
    'remote',
  );
  await expect(timeline.locator('[data-kind="enforcement"]')).toContainText(
    'Suspended for counterfeit listings',
  );
  await expect(timeline.locator('[data-kind="note"]')).toContainText('repeat offender');
  // Items by their title, or a phrase when they have none, linked to their pages; the
  // creator by name, handle and platform: never a raw key or an item's platform id.
  const untitled = timeline
    .locator(`[data-id="${localFlagId}"]`)
    .getByRole('link', { name: 'on an item without a title' });
  await expect(untitled).toHaveAttribute('href', ITEM.url);
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText('Lena Glow @lena.glow');
  const shown = await panel.locator('body').innerText();
  expect(shown).not.toContain('shopvid:');
  expect(shown).not.toContain(ITEM.itemId);
  expect(shown).not.toContain('7309999999999999999');

  // Bob's critical flag outweighs this reviewer's high one; each is counted once.
  const explained = panel.getByTestId('risk-explanation').locator('li');
  await expect(explained).toHaveCount(2);
  await expect(explained.nth(0)).toHaveAttribute('data-flag-id', bobFlagId);
  await expect(explained.nth(1)).toHaveAttribute('data-flag-id', localFlagId);
  await expect(panel.getByTestId('risk-summary')).toHaveAttribute('data-band', 'critical');
  await expect(panel.getByTestId('risk-chart')).toBeVisible();

  // Once this reviewer's flag is synced, the endpoint returns it too: still counted once.
  await expect
    .poll(async () => (await endpoint.records()).get(localFlagId)?.revision, { timeout: 15_000 })
    .toBe(1);
  await panel.reload();
  await expect(panel.getByTestId('risk-explanation').locator('li')).toHaveCount(2);
  await expect(panel.getByTestId('risk-timeline').locator('[data-kind="flag"]')).toHaveCount(2);
});

test('a creator note survives a browser restart and reaches the endpoint; offline, the cached history shows its age', async ({
  profileDir,
}) => {
  let browser = await launchWithExtension(profileDir);
  try {
    const { bobFlagId } = await seedOtherReviewers();
    await configure(browser.context, browser.extensionId);
    let panel = await openPanel(browser.context, browser.extensionId);
    await expect(panel.getByTestId('history-age')).toHaveAttribute('data-state', 'fresh');

    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByTestId('note-form').getByLabel('Note').fill('Check the new shop too');
    await panel.getByTestId('note-form').getByRole('button', { name: 'Save note' }).click();
    await expect(panel.getByTestId('creator-note')).toContainText('Check the new shop too');

    // Edit it once: a new revision, which must be what the endpoint ends up with.
    await panel.getByTestId('creator-note').getByRole('button', { name: 'Edit' }).click();
    await panel.getByLabel('Edit note').fill('Check the new shop and its live streams');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(panel.getByTestId('creator-note')).toContainText('its live streams');
    const noteId = await panel.getByTestId('creator-note').getAttribute('data-id');
    expect(noteId).toBeTruthy();

    await browser.context.close();
    browser = await launchWithExtension(profileDir);
    panel = await openPanel(browser.context, browser.extensionId);
    await expect(panel.getByTestId('creator-note')).toContainText('its live streams');
    await expect
      .poll(async () => (await endpoint.records()).get(noteId ?? ''), { timeout: 20_000 })
      .toMatchObject({ type: 'note', revision: 2, deleted: false, reviewer: 'e2e-reviewer' });

    // The endpoint goes away: the panel still shows what it knew, and says how old it is.
    await endpoint.close();
    panel = await openPanel(browser.context, browser.extensionId);
    const age = panel.getByTestId('history-age');
    await expect(age).toHaveAttribute('data-state', 'cached');
    await expect(age).toContainText(/Offline: showing endpoint history fetched .+ ago/);
    await expect(
      panel.getByTestId('risk-timeline').locator(`[data-id="${bobFlagId}"]`),
    ).toHaveAttribute('data-source', 'remote');
    await expect(panel.getByTestId('risk-summary')).toHaveAttribute('data-band', 'high');
  } finally {
    await browser.context.close();
  }
});
