/**
 * No loss and no duplicates, whatever fails: 2,000 flags (some edited, some deleted) synced
 * through a proxy that injects 5xx, 429 with Retry-After, an answer slower than the client
 * waits, connections dropped before and after the endpoint stored the batch, and 413 above
 * 100 records; the service worker is stopped mid-sync three times and the browser is
 * restarted once. At the end the endpoint holds exactly every flag at its latest revision,
 * none twice, and the outbox is empty.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { type Fault, startChaosProxy } from './support/chaos-proxy';
import { launchWithExtension } from './support/chromium';
import { startTestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage, syncStatus } from './support/extension-pages';
import { expect, popupUrl, test } from './support/fixtures';

const FLAGS = Number(process.env.CHAOS_FLAGS ?? 2_000);
const OPENING: Fault[] = [
  'pass',
  '503',
  'pass',
  '429',
  'pass',
  'drop-after',
  'pass',
  'drop-before',
  'pass',
  'slow',
];
const plan = (n: number): Fault =>
  OPENING[n] ?? (n % 5 === 2 ? '503' : n % 7 === 4 ? 'drop-after' : n % 11 === 6 ? '429' : 'pass');

async function stopServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

test('2,000 flags arrive exactly once at their latest revisions through faults, worker stops and a browser restart', async ({
  browserWithExtension,
  profileDir,
}) => {
  test.setTimeout(420_000);
  const endpoint = await startTestEndpoint();
  const proxy = await startChaosProxy({
    target: endpoint.url,
    plan,
    maxRecords: 100,
    slowMs: 17_000,
  });
  let reopened: Awaited<ReturnType<typeof launchWithExtension>> | undefined;
  try {
    const { context, extensionId } = browserWithExtension;
    const page = await context.newPage();
    await page.goto(popupUrl(extensionId));

    // Record while no endpoint is configured: everything waits in the outbox.
    const expected = (await page.evaluate(async (count) => {
      const runtime = (
        globalThis as unknown as {
          chrome: {
            runtime: {
              sendMessage(
                m: unknown,
              ): Promise<{ ok: boolean; data: { id: string; revision: number; deleted: boolean } }>;
            };
          };
        }
      ).chrome.runtime;
      const send = (name: string, request: unknown) =>
        runtime.sendMessage({ flagpost: 1, name, request });
      const latest: Record<string, { revision: number; deleted: boolean }> = {};
      for (let i = 0; i < count; i++) {
        const item = {
          platform: 'shopvid',
          kind: 'video',
          itemId: String(900000 + i),
          url: `https://shop.example/@seller${i % 97}/video/${900000 + i}`,
          creatorId: `seller${i % 97}`,
        };
        const answer = await send('flag.create', {
          item,
          policyId: 'counterfeit-goods',
          severity: 'high',
          note: `chaos ${i}`,
        });
        if (!answer.ok) throw new Error(JSON.stringify(answer));
        let { id, revision, deleted } = answer.data;
        if (i % 10 === 3)
          ({ revision, deleted } = (await send('flag.update', { id, status: 'dismissed' })).data);
        if (i % 25 === 7) ({ revision, deleted } = (await send('flag.delete', { id })).data);
        latest[id] = { revision, deleted };
      }
      return latest;
    }, FLAGS)) as Record<string, { revision: number; deleted: boolean }>;
    expect(Object.keys(expected)).toHaveLength(FLAGS);
    expect((await syncStatus(page)).pending).toBe(FLAGS);

    await configureEndpoint(context, extensionId, {
      endpointUrl: proxy.url,
      token: endpoint.token,
      reviewerId: endpoint.reviewer,
    });

    // Stop the worker three times while batches are in flight; wake it as a reviewer would,
    // by opening the popup (its first message starts the worker again).
    for (const threshold of [150, 500, 900]) {
      await expect
        .poll(async () => (await endpoint.records()).size, { timeout: 120_000, intervals: [100] })
        .toBeGreaterThanOrEqual(threshold);
      await stopServiceWorker(context, page);
      await page.reload();
      await syncStatus(page);
    }

    // Close the browser mid-sync and start it again on the same profile.
    await expect
      .poll(async () => (await endpoint.records()).size, { timeout: 120_000, intervals: [100] })
      .toBeGreaterThanOrEqual(1200);
    await context.close();
    reopened = await launchWithExtension(profileDir);
    const again = await reopened.context.newPage();
    await again.goto(popupUrl(reopened.extensionId));

    await expect
      .poll(
        async () => {
          const status = await syncStatus(again);
          return status.pending === 0 && !status.running;
        },
        { timeout: 240_000, intervals: [1_000] },
      )
      .toBe(true);

    const held = await endpoint.records();
    expect(held.size).toBe(FLAGS);
    for (const [id, want] of Object.entries(expected)) expect(held.get(id), id).toMatchObject(want);
    const { rows } = await endpoint.server.db.query<{ n: number }>(
      'select count(*)::int as n from (select id, revision from record_revisions group by id, revision having count(*) > 1) dup',
    );
    expect(rows[0]?.n).toBe(0);
    const status = await syncStatus(again);
    expect(status).toMatchObject({ pending: 0, rejected: 0 });
    expect(status.lastError).toBeUndefined();
    // Every kind of fault really happened.
    for (const fault of ['503', '429', 'slow', 'drop-before', 'drop-after', '413'] as const)
      expect(proxy.counts[fault], fault).toBeGreaterThan(0);
    console.log(
      `chaos: ${JSON.stringify(proxy.counts)}, abandoned by the client: ${proxy.abandoned}`,
    );
    await sendFromPage(again, 'stats.get', {});
  } finally {
    await reopened?.context.close();
    await proxy.close();
    await endpoint.close();
  }
});
