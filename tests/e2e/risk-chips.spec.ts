/**
 * Risk chips beside creators on the platform's pages: one batched lookup per page, one chip
 * per creator (the first of their items), a labelled state (unknown with nothing known,
 * loading while the endpoint's history is fetched, then band and score without a reload),
 * the band rising after a critical flag made on the page (without a reload), and the chip
 * opening the creator panel.
 */
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag } from '@/lib/shared/protocol/records';
import { issueToken } from '../../server/app';
import { startTestEndpoint } from './support/endpoint';
import { configureEndpoint } from './support/extension-pages';
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';
import { scrollThrough } from './support/overlays';

const VIDEO_ITEM = '7301234567890123456';
const FEED_ITEM_WITH_FINDINGS = '7302000000000000001';

test('chips show each creator’s risk, rise after a critical flag, and open the creator panel', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const chips = page.locator('flagpost-overlay [data-testid="risk-chip"]');
  await expect(chips.first()).toBeVisible();
  expect(await chips.count()).toBeGreaterThan(1);
  // No endpoint and no flags: the chip says it knows nothing, not "0 Low".
  await expect(chips.first()).toHaveAttribute('data-state', 'unknown');
  await expect(chips.first()).not.toHaveAttribute('data-band', /./);
  await expect(chips.first()).toHaveAccessibleName(/unknown/i);

  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, VIDEO_ITEM);
  const chip = overlay.getByTestId('risk-chip');
  await expect(chip).toHaveAttribute('data-state', 'unknown');
  await overlay.getByTestId('badge').click();
  await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
  const form = overlay.getByTestId('flag-form');
  await form.getByLabel('Policy').selectOption('counterfeit-goods');
  await form.getByLabel('Severity').selectOption('critical');
  await form.getByRole('button', { name: 'Save flag' }).click();
  await expect(overlay.getByTestId('flag')).toHaveCount(1);

  // The decision made here redraws the chip on this page view: no reload.
  await expect(overlay.getByTestId('risk-chip')).toHaveAttribute('data-state', 'known');
  await expect(overlay.getByTestId('risk-chip')).not.toHaveAttribute('data-band', 'low');
  await expect(overlay.getByTestId('risk-chip')).toHaveAttribute('aria-label', /.+/);

  const [panel] = await Promise.all([
    context.waitForEvent('page'),
    overlay.getByTestId('risk-chip').click(),
  ]);
  await panel.waitForLoadState();
  expect(panel.url()).toContain(`chrome-extension://${extensionId}/creator.html`);
  expect(panel.url()).toContain('creatorId=lena.glow');
});

test('chips on the profile and product pages; findings show their rule’s measured precision', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  for (const path of ['/@lena.glow', '/shop/product/1729384756102938475']) {
    await page.goto(pages.url + path);
    await expect(page.locator('flagpost-overlay [data-testid="risk-chip"]').first()).toBeVisible();
  }

  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, FEED_ITEM_WITH_FINDINGS);
  await overlay.getByTestId('badge').click();
  const counterfeit = overlay.getByTestId('finding').filter({ hasText: 'counterfeit' });
  await expect(counterfeit.getByTestId('finding-precision')).toHaveText(
    'rule not yet judged by reviewers',
  );
  await overlay.getByRole('button', { name: /^Confirm finding: .*counterfeit/ }).click();
  await expect(counterfeit).toHaveAttribute('data-decision', 'confirmed');

  await page.reload();
  await overlay.getByTestId('badge').click();
  // Beta(2, 2) smoothing: one confirmation reads (1 + 2) / (1 + 4) = 60%.
  await expect(counterfeit.getByTestId('finding-precision')).toHaveText(
    'rule precision 60% from 1 decisions',
  );
});

test('one chip per creator on a profile page, loading until the endpoint’s history arrives, then its band without a reload', async ({
  browserWithExtension,
  pages,
}) => {
  const endpoint = await startTestEndpoint();
  try {
    // Another reviewer's confirmed critical flags on lena.glow, known only to the endpoint.
    const bob = (await issueToken(endpoint.server.db, 'bob')).token;
    const now = new Date().toISOString();
    const flags: Flag[] = ['7309999999999999991', '7309999999999999992'].map((itemId) => ({
      id: newUlid(),
      revision: 1,
      reviewer: 'bob',
      createdAt: now,
      updatedAt: now,
      deleted: false,
      item: {
        platform: 'shopvid',
        kind: 'video',
        itemId,
        url: `https://shop.example/@lena.glow/video/${itemId}`,
        creatorId: 'lena.glow',
        creatorHandle: 'lena.glow',
      },
      policyId: 'counterfeit-goods',
      policyVersion: '1',
      severity: 'critical',
      source: 'manual',
      status: 'confirmed',
      evidence: [],
      note: 'sells copies as originals',
    }));
    const posted = await fetch(new URL('/v1/batches', endpoint.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${bob}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records: flags.map((record) => ({ type: 'flag', record })) }),
    });
    expect(posted.status).toBeLessThan(300);

    const { context, extensionId } = browserWithExtension;
    await configureEndpoint(context, extensionId, {
      endpointUrl: endpoint.url,
      token: endpoint.token,
      reviewerId: endpoint.reviewer,
    });
    const page = await context.newPage();
    const states: string[] = [];
    await page.exposeFunction('__chipState', (state: string) => states.push(state));
    await page.goto(`${pages.url}/@lena.glow`);
    const chips = page.locator('flagpost-overlay [data-testid="risk-chip"]');
    await expect(chips.first()).toBeVisible();
    // Record every state the chip shows from its first drawing (the history may be quick).
    await chips.first().evaluate((chip) => {
      const report = (globalThis as unknown as { __chipState(s: string): void }).__chipState;
      report(chip.getAttribute('data-state') ?? '');
      new MutationObserver(() => report(chip.getAttribute('data-state') ?? '')).observe(chip, {
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
    // The history arrives and the chip says so on this page view: no reload.
    await expect(chips.first()).toHaveAttribute('data-state', 'known');
    await expect(chips.first()).toHaveAttribute('data-band', /high|critical/);
    await expect(chips.first()).toHaveAccessibleName(/\d/);
    expect(states[0], `states seen: ${states.join(' → ')}`).toMatch(/loading|known/);
    expect(states).not.toContain('unknown');

    // Every one of the creator's cards on the page comes near; still one chip.
    const cards = await page.locator('[data-e2e="user-post-item"]').count();
    expect(cards).toBeGreaterThan(1);
    await scrollThrough(page);
    await expect
      .poll(() => page.locator('flagpost-overlay [data-item-box]').count())
      .toBeGreaterThanOrEqual(cards);
    await expect(chips).toHaveCount(1);
  } finally {
    await endpoint.close();
  }
});
