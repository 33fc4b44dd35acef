/**
 * The endpoint goes away and comes back: the records waiting are sent as soon as it answers
 * again, not when the backoff (which by then runs to tens of seconds) ends, and without
 * anyone pressing "Sync now". A switch in front of the real endpoint plays the outage: while
 * down it drops every connection, as a stopped server or a lost route does.
 */
import type { Page } from '@playwright/test';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage } from './support/extension-pages';
import { expect, popupUrl, test } from './support/fixtures';
import { type Gate, startGate } from './support/gate';

interface Status {
  running: boolean;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  nextAttemptAt?: string;
}
async function readSyncStatus(page: Page): Promise<Status> {
  const answer = (await sendFromPage(page, 'sync.status', {})) as { ok: boolean; data: Status };
  if (!answer.ok) throw new Error(`sync.status failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

let endpoint: TestEndpoint;
let gate: Gate;
let up = true;

test.beforeEach(async () => {
  endpoint = await startTestEndpoint();
  gate = await startGate(endpoint.url, (req) => {
    if (up) return false;
    req.socket.destroy();
    return true;
  });
});
test.afterEach(async () => {
  up = true;
  await gate.close();
  await endpoint.close();
});

test('after an outage, waiting flags go as soon as the endpoint answers again', async ({
  browserWithExtension,
}) => {
  test.setTimeout(120_000);
  const { context, extensionId } = browserWithExtension;
  const url = `${gate.url}${new URL(endpoint.url).pathname}`.replace(/\/$/, '');
  await configureEndpoint(context, extensionId, {
    endpointUrl: url,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));

  up = false;
  const created = (await sendFromPage(popup, 'flag.create', {
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: '7500001',
      url: 'https://shop.example/@lena/video/7500001',
      creatorId: 'lena',
    },
    policyId: 'counterfeit-goods',
    severity: 'high',
  })) as { ok: boolean };
  expect(created.ok).toBe(true);

  // Fail until the backoff's next attempt is at least 20 s away.
  let status = await readSyncStatus(popup);
  for (let round = 0; round < 20; round++) {
    status = await readSyncStatus(popup);
    if (
      !status.running &&
      status.nextAttemptAt &&
      Date.parse(status.nextAttemptAt) - Date.now() > 20_000
    )
      break;
    const before = status.lastAttemptAt;
    await sendFromPage(popup, 'sync.now', {});
    await expect.poll(async () => (await readSyncStatus(popup)).lastAttemptAt).not.toBe(before);
    await expect.poll(async () => (await readSyncStatus(popup)).running).toBe(false);
  }
  const backoffEnds = status.nextAttemptAt;
  expect(backoffEnds, 'a retry is scheduled').toBeDefined();
  await expect(popup.getByTestId('sync-panel')).toHaveAttribute('data-state', 'retrying');
  expect(await endpoint.records()).toHaveProperty('size', 0);

  up = true;
  await expect.poll(async () => (await endpoint.records()).size, { timeout: 30_000 }).toBe(1);
  // The endpoint stores the batch before its answer reaches the extension, which only then
  // records the success: wait for that record rather than read the status at once.
  await expect
    .poll(async () => (await readSyncStatus(popup)).lastSuccessAt, { timeout: 10_000 })
    .toBeDefined();
  const after = await readSyncStatus(popup);
  // Delivered by the return, not by the backoff: before the scheduled attempt.
  expect(Date.parse(after.lastSuccessAt ?? '')).toBeLessThan(Date.parse(backoffEnds ?? ''));
  await expect(popup.getByTestId('sync-panel')).toHaveAttribute('data-state', 'up-to-date');
  await expect(popup.getByTestId('sync-pending')).toHaveText('0');
});
