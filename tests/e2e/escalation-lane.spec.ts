/**
 * Issue 16: a critical flag escalated behind 1,500 queued flags reaches the endpoint before
 * the queue, while the endpoint answers 503 to every batch, without anyone pressing "Sync
 * now"; the lead's acknowledgement comes back as a receipt; nothing is stored twice. A gate
 * in front of the real endpoint answers 503 to /v1/batches and forwards everything else.
 */
import type { Page } from '@playwright/test';
import { endpointSettings, startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage, syncStatus } from './support/extension-pages';
import { expect, popupUrl, test } from './support/fixtures';
import { answerUnavailable, type Gate, startGate } from './support/gate';

const QUEUED = 1_500;
let endpoint: TestEndpoint;
let gate: Gate;
let batchesDown = true;
let batchesRefused = 0;

const item = (n: number) => ({
  platform: 'shopvid',
  kind: 'video',
  itemId: `76${String(n).padStart(5, '0')}`,
  url: `https://shop.example/@lena/video/76${String(n).padStart(5, '0')}`,
  creatorId: 'lena',
});

async function escalationsAtEndpoint() {
  const { rows } = await endpoint.server.db.query<{ id: string; flag_id: string }>(
    'select id, flag_id from escalations',
  );
  return rows;
}

async function escalationStage(page: Page) {
  const answer = (await sendFromPage(page, 'escalation.status', {})) as {
    ok: boolean;
    data: { escalations: { stage: string; acknowledgedBy?: string }[]; overdue: number };
  };
  if (!answer.ok) throw new Error(`escalation.status failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

test.beforeEach(async () => {
  // Up while the options page tests the connection (an empty batch); down from then on.
  batchesDown = false;
  batchesRefused = 0;
  endpoint = await startTestEndpoint();
  gate = await startGate(endpoint.url, (req, res) => {
    if (!batchesDown || !req.url?.startsWith('/v1/batches')) return false;
    batchesRefused++;
    return answerUnavailable(req, res, 'Down.', { 'retry-after': '30' });
  });
});
test.afterEach(async () => {
  await gate.close();
  await endpoint.close();
});

test('a critical flag escalated behind 1,500 queued flags arrives first, once', async ({
  browserWithExtension,
}) => {
  test.setTimeout(240_000);
  const { context, extensionId } = browserWithExtension;
  await configureEndpoint(context, extensionId, endpointSettings(endpoint, gate.url));
  batchesDown = true;
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));

  // 1,500 ordinary flags, queued behind an endpoint that refuses batches.
  const created = await popup.evaluate(async (count) => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
      }
    ).chrome.runtime;
    let ok = 0;
    for (let start = 0; start < count; start += 50) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(50, count - start) }, (_, i) =>
          runtime.sendMessage({
            flagpost: 1,
            name: 'flag.create',
            request: {
              item: {
                platform: 'shopvid',
                kind: 'video',
                itemId: `75${String(start + i).padStart(5, '0')}`,
                url: `https://shop.example/@lena/video/75${String(start + i).padStart(5, '0')}`,
                creatorId: 'lena',
              },
              policyId: 'counterfeit-goods',
              severity: 'medium',
            },
          }),
        ),
      );
      ok += answers.filter((a) => a.ok).length;
    }
    return ok;
  }, QUEUED);
  expect(created).toBe(QUEUED);
  await expect.poll(() => batchesRefused, { timeout: 30_000 }).toBeGreaterThan(0);
  expect((await syncStatus(popup)).pending).toBeGreaterThanOrEqual(QUEUED);

  // The critical flag, escalated: a category and a reason are required.
  const critical = (await sendFromPage(popup, 'flag.create', {
    item: item(1),
    policyId: 'counterfeit-goods',
    severity: 'critical',
  })) as { ok: boolean; data: { id: string } };
  expect(critical.ok).toBe(true);
  const refused = (await sendFromPage(popup, 'escalation.create', {
    flagId: critical.data.id,
    category: 'child_safety',
    reason: ' ',
  })) as { ok: boolean; error?: { message: string } };
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toContain('a reason is required');
  const escalated = (await sendFromPage(popup, 'escalation.create', {
    flagId: critical.data.id,
    category: 'child_safety',
    reason: 'A minor is in danger on this live stream.',
  })) as { ok: boolean; data: { id: string } };
  expect(escalated.ok).toBe(true);

  // Stored at the endpoint while every ordinary flag is still queued, no "Sync now" pressed.
  await expect
    .poll(escalationsAtEndpoint, { timeout: 20_000 })
    .toEqual([{ id: escalated.data.id, flag_id: critical.data.id }]);
  expect((await endpoint.records()).size).toBe(0);
  await expect
    .poll(async () => (await escalationStage(popup)).escalations[0]?.stage)
    .toBe('delivered');

  // A lead acknowledges; the reviewer's receipt says who.
  const { issueToken } = await import('../../server/app');
  const lead = (await issueToken(endpoint.server.db, 'lead-lin', { admin: true })).token;
  const ack = await fetch(`${endpoint.url}/v1/escalations/${escalated.data.id}/acknowledge`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lead}` },
  });
  expect(ack.status).toBe(200);
  await expect
    .poll(async () => (await escalationStage(popup)).escalations[0])
    .toMatchObject({ stage: 'acknowledged', acknowledgedBy: 'lead-lin' });

  // The endpoint takes batches again: the queue drains behind it, the escalation stays one.
  batchesDown = false;
  await sendFromPage(popup, 'sync.now', {});
  await expect
    .poll(async () => (await endpoint.records()).size, { timeout: 120_000 })
    .toBe(QUEUED + 1);
  expect(await escalationsAtEndpoint()).toHaveLength(1);
});
