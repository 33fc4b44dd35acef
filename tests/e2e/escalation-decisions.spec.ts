/**
 * Issue 16, items 5 and 6: an escalation delivered while 10,000 ordinary flags are queued
 * and the endpoint answers 503 to every batch; the worker stopped while the endpoint's
 * answer to the escalation is lost, and the browser restarted while another escalation
 * waits; each stored once; the lead's acknowledgement pushed to the reviewer's popup, and
 * the decision with its enforcement action on the creator page. A gate in front of the
 * real endpoint refuses batches, drops or refuses escalation answers on demand, and
 * counts what it saw.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { newUlid } from '../../lib/shared/protocol/ids';
import { issueToken } from '../../server/app';
import { launchWithExtension } from './support/chromium';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage, syncStatus } from './support/extension-pages';
import { expect, popupUrl, test } from './support/fixtures';
import { seedQueuedFlags } from './support/seed-flags';

const QUEUED = 10_000;
const CREATOR = 'lena-decisions';
let endpoint: TestEndpoint;
let gate: Server;
let batchesDown = false;
let batchesRefused = 0;
/** POST /v1/escalations: forwarded ('pass'), forwarded with its answer lost ('drop'), or 503. */
let escalationMode: 'pass' | 'drop' | 'refuse' = 'pass';
/** The endpoint's status for each POST /v1/escalations it answered: 201 once per id, then 200. */
const escalationAnswers: number[] = [];

const item = (n: number) => ({
  platform: 'shopvid',
  kind: 'live',
  itemId: `live-${n}`,
  url: `https://shopvid.example/live/${n}`,
  creatorId: CREATOR,
});

async function escalationsAtEndpoint() {
  const { rows } = await endpoint.server.db.query<{ id: string }>(
    'select id from escalations order by id',
  );
  return rows.map((r) => r.id);
}

async function stopServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function escalate(page: Page, n: number, reason: string) {
  const flag = (await sendFromPage(page, 'flag.create', {
    item: item(n),
    policyId: 'minor-safety',
    severity: 'critical',
  })) as { ok: boolean; data: { id: string } };
  expect(flag.ok).toBe(true);
  const escalated = (await sendFromPage(page, 'escalation.create', {
    flagId: flag.data.id,
    category: 'child_safety',
    reason,
  })) as { ok: boolean; data: { id: string } };
  expect(escalated.ok).toBe(true);
  return { flagId: flag.data.id, id: escalated.data.id };
}

async function stages(page: Page) {
  const answer = (await sendFromPage(page, 'escalation.status', {})) as {
    ok: boolean;
    data: { escalations: { id: string; stage: string }[] };
  };
  return Object.fromEntries(answer.data.escalations.map((e) => [e.id, e.stage]));
}

test.beforeEach(async () => {
  batchesDown = false;
  batchesRefused = 0;
  escalationMode = 'pass';
  escalationAnswers.length = 0;
  endpoint = await startTestEndpoint();
  const target = new URL(endpoint.url);
  gate = createServer((req, res) => {
    const isBatch = req.url?.startsWith('/v1/batches');
    const isEscalation = req.method === 'POST' && req.url === '/v1/escalations';
    if ((batchesDown && isBatch) || (isEscalation && escalationMode === 'refuse')) {
      if (isBatch) batchesRefused++;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
      res.end(JSON.stringify({ error: { code: 'service_unavailable', message: 'Down.' } }));
      return;
    }
    const dropAnswer = isEscalation && escalationMode === 'drop';
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        if (isEscalation) escalationAnswers.push(answer.statusCode ?? 0);
        // Stored at the endpoint, but the extension never hears so: it must send again.
        if (dropAnswer) {
          answer.resume();
          res.destroy();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
});
test.afterEach(async () => {
  gate.closeAllConnections();
  await new Promise((resolve) => gate.close(resolve));
  await endpoint.close();
});

test('escalations behind 10,000 queued flags, through a worker stop and a browser restart, once each; the decisions come back', async ({
  browserWithExtension,
  profileDir,
}) => {
  test.setTimeout(600_000);
  let { context, extensionId } = browserWithExtension;
  const { port } = gate.address() as AddressInfo;
  await configureEndpoint(context, extensionId, {
    endpointUrl: `http://127.0.0.1:${port}`,
    token: endpoint.token,
    reviewerId: endpoint.reviewer,
  });
  batchesDown = true;
  let popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));

  // 10,000 ordinary flags straight into the extension's database, then a sync the endpoint
  // refuses: they wait in the outbox behind its backoff.
  const seeded = await popup.evaluate(seedQueuedFlags, {
    count: QUEUED,
    reviewer: endpoint.reviewer,
    prefix: 'seed-',
  });
  expect(seeded.ids).toHaveLength(QUEUED);
  await sendFromPage(popup, 'sync.now', {});
  await expect.poll(() => batchesRefused, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await syncStatus(popup)).pending).toBeGreaterThanOrEqual(QUEUED);

  // 1. The endpoint stores the escalation but its answer is lost, and the worker is stopped
  //    right away: the lane must send it again after the restart, and it is stored once.
  escalationMode = 'drop';
  const first = await escalate(popup, 1, 'A child is asked for photos on this live stream.');
  await expect.poll(() => escalationAnswers.length, { timeout: 20_000 }).toBeGreaterThan(0);
  await stopServiceWorker(context, popup);
  escalationMode = 'pass';
  // The popup asks every second, which wakes the worker; the lane resumes the row.
  await expect
    .poll(async () => (await stages(popup))[first.id], { timeout: 60_000 })
    .toBe('delivered');
  expect(await escalationsAtEndpoint()).toEqual([first.id]);

  // 2. The endpoint refuses the next escalation; the browser is closed while it waits and
  //    reopened on the same profile once the endpoint takes escalations again.
  escalationMode = 'refuse';
  const second = await escalate(popup, 2, 'Threat of violence against a child in the chat.');
  await expect.poll(async () => (await stages(popup))[second.id]).toBe('queued');
  await context.close();
  escalationMode = 'pass';
  ({ context, extensionId } = await launchWithExtension(profileDir));
  popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect
    .poll(async () => (await stages(popup))[second.id], { timeout: 60_000 })
    .toBe('delivered');
  expect(await escalationsAtEndpoint()).toEqual([first.id, second.id].sort());
  // Every ordinary flag is still queued: the escalations went first.
  expect((await endpoint.records()).size).toBe(0);

  // 3. A lead acknowledges: the popup shows who, pushed on the event stream.
  const lead = (await issueToken(endpoint.server.db, 'lead-lin', { admin: true })).token;
  const leadHeaders = { authorization: `Bearer ${lead}`, 'content-type': 'application/json' };
  const ack = await fetch(`${endpoint.url}/v1/escalations/${first.id}/acknowledge`, {
    method: 'POST',
    headers: leadHeaders,
  });
  expect(ack.status).toBe(200);
  const row = popup.locator('[data-testid="escalation"][data-stage="acknowledged"]');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('escalation-receipt')).toContainText('lead-lin');

  // 4. The creator page: the lead resolves with an enforcement action, and the decision
  //    appears in the risk explanation without a reload.
  const creatorPage = await context.newPage();
  await creatorPage.goto(
    `chrome-extension://${extensionId}/creator.html?platform=shopvid&creatorId=${CREATOR}`,
  );
  await expect(creatorPage.getByTestId('risk-summary')).toBeVisible();
  const resolved = await fetch(`${endpoint.url}/v1/escalations/${first.id}/resolve`, {
    method: 'POST',
    headers: leadHeaders,
    body: JSON.stringify({
      decision: 'actioned',
      note: 'Live ended.',
      enforcementAction: {
        id: newUlid(),
        action: 'suspended',
        reason: 'Grooming a minor.',
      },
    }),
  });
  expect(resolved.status).toBe(200);
  const decision = creatorPage.locator(
    `[data-testid="decision"][data-kind="escalation"][data-escalation-id="${first.id}"]`,
  );
  await expect(decision).toHaveAttribute('data-state', 'resolved');
  await expect(decision).toContainText('Actioned');
  await expect(decision).toContainText('Suspended');
  await expect(popup.locator('[data-testid="escalation"][data-stage="resolved"]')).toHaveCount(1);

  // 5. Nothing sent twice: each escalation was created once (the resend after the lost
  //    answer got 200), and once batches are taken the queue drains with one record each.
  expect(escalationAnswers.filter((status) => status === 201)).toHaveLength(2);
  batchesDown = false;
  await sendFromPage(popup, 'sync.now', {});
  await expect
    .poll(async () => (await endpoint.records()).size, { timeout: 400_000, intervals: [2_000] })
    .toBe(QUEUED + 2);
  expect(await escalationsAtEndpoint()).toEqual([first.id, second.id].sort());
  await context.close();
});
