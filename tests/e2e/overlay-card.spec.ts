/**
 * Issue 18, the overlay card through a reviewer's day (and issue 16, escalating from it):
 * one card open at a time, closed by Escape or a click outside after a mouse action; never
 * over the evidence it highlights (checked by geometry); a done state that is not a red;
 * the flag form's Save in view and Ctrl+Enter; a manual flag deciding its finding; the sync
 * and escalation receipts changing live on the open card; the escalate key and form (the
 * reason typed where the page cannot hear it); and axe, colour contrast included, on the
 * overlay inside light and dark pages for every severity.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { issueToken } from '../../server/app';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage } from './support/extension-pages';
import { expect, overlayOf, popupUrl, test, VIDEO_PATH } from './support/fixtures';

// On /foryou: "Beg tangan premium copy 1:1 macam ori, harga borong. WhatsApp 012-345 6789".
const ITEM = '7302000000000000001';
const HIGH_ITEM = '7302000000000000003';
const VIDEO_ITEM = '7301234567890123456';
const COUNTERFEIT = 'Prohibited and counterfeit goods';
const HEALTH = 'Misleading health claims';

const openCards = (page: Page) => page.locator('flagpost-overlay [data-testid="card"]');

/**
 * The card of `itemId` and the evidence marks of its item (the marks layer that follows the
 * same element as the item's overlay box), in viewport coordinates.
 */
async function cardAndEvidence(page: Page, itemId: string) {
  return page.evaluate((id) => {
    const root = document.querySelector('flagpost-overlay')?.shadowRoot;
    const overlay = root?.querySelector(`[data-testid="item-overlay"][data-item-id="${id}"]`);
    const card = overlay?.querySelector('[data-testid="card"]');
    const box = overlay?.parentElement;
    if (!root || !card || !box) throw new Error(`no open card for ${id}`);
    const rect = (r: DOMRect) => ({ left: r.left, top: r.top, width: r.width, height: r.height });
    const marks: Array<{ text: string; rect: ReturnType<typeof rect> }> = [];
    for (const layer of root.querySelectorAll<HTMLElement>('.marks')) {
      if (layer.hidden || layer.style.transform !== box.style.transform) continue;
      for (const group of layer.querySelectorAll<HTMLElement>('.mark-group'))
        for (const mark of group.querySelectorAll('.mark'))
          marks.push({ text: group.dataset.text ?? '', rect: rect(mark.getBoundingClientRect()) });
    }
    const evidence = [...card.querySelectorAll('[data-testid="evidence"]')].map(
      (e) => e.textContent ?? '',
    );
    return { card: rect(card.getBoundingClientRect()), marks, evidence };
  }, itemId);
}

type Rect = { left: number; top: number; width: number; height: number };
const intersects = (a: Rect, b: Rect) =>
  a.left < b.left + b.width &&
  b.left < a.left + a.width &&
  a.top < b.top + b.height &&
  b.top < a.top + a.height;

/** The card covers none of its item's highlighted evidence, and that evidence is marked. */
async function expectEvidenceUncovered(page: Page, itemId: string) {
  await expect
    .poll(async () => {
      const { card, marks, evidence } = await cardAndEvidence(page, itemId);
      // The layer's marks are the card's evidence (some evidence may be in text the page
      // does not show, hence not marked).
      return {
        marked: marks.length > 0 && marks.every((m) => evidence.includes(m.text)),
        covered: marks.filter((m) => intersects(card, m.rect)).map((m) => m.text),
      };
    })
    .toEqual({ marked: true, covered: [] });
}

test('one card at a time; Escape and a click outside close it after a mouse action', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, ITEM);
  const badge = overlay.getByTestId('badge');
  await expect(badge).toHaveText('Critical · 2');

  // A mouse action (the button goes busy, focus leaves the card), then Escape: closed.
  await badge.click();
  await expect(openCards(page)).toHaveCount(1);
  await overlay.getByRole('button', { name: `Confirm finding: ${COUNTERFEIT}` }).click();
  await expect(overlay.getByTestId('finding').filter({ hasText: COUNTERFEIT })).toHaveAttribute(
    'data-decision',
    'confirmed',
  );
  await page.keyboard.press('Escape');
  await expect(openCards(page)).toHaveCount(0);

  // A click inside the card keeps it; a click on the page outside closes it.
  await badge.click();
  await overlay.getByTestId('card').locator('header strong').click();
  await expect(openCards(page)).toHaveCount(1);
  // The page cannot close it with events of its own making.
  await page.evaluate(() => {
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  await expect(openCards(page)).toHaveCount(1);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await expect(openCards(page)).toHaveCount(0);

  // Escape after the page took focus with a click (the card's own keys hear nothing then).
  await badge.click();
  await expect(openCards(page)).toHaveCount(1);
  await page.evaluate(() => (document.querySelector('a[href]') as HTMLElement).focus());
  await page.keyboard.press('Escape');
  await expect(openCards(page)).toHaveCount(0);

  // Opening another item's card closes this one.
  await badge.click();
  await expect(openCards(page)).toHaveCount(1);
  const other = overlayOf(page, HIGH_ITEM);
  await other.scrollIntoViewIfNeeded();
  await other.getByTestId('badge').click();
  await expect(other.getByTestId('card')).toBeVisible();
  await expect(openCards(page)).toHaveCount(1);
  await expect(overlay.getByTestId('card')).toHaveCount(0);
});

test('a card never covers the evidence it highlights (feed, video, product; a form open)', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  for (const [path, itemId] of [
    ['/foryou', ITEM],
    ['/foryou', HIGH_ITEM],
    [VIDEO_PATH, VIDEO_ITEM],
    ['/shop/product/1729384756102938490', '1729384756102938490'],
  ] as const) {
    await page.goto(pages.url + path);
    const overlay = overlayOf(page, itemId);
    await overlay.scrollIntoViewIfNeeded();
    await expect(overlay.getByTestId('badge')).toHaveText(/·/);
    await overlay.getByTestId('badge').click();
    await expect(overlay.getByTestId('finding').first()).toBeVisible();
    await expectEvidenceUncovered(page, itemId);
    // The card grows with the flag form: placed again, still clear of the evidence.
    await overlay.getByTestId('card').focus();
    await page.keyboard.press('f');
    await expect(overlay.getByTestId('flag-form')).toBeVisible();
    await expectEvidenceUncovered(page, itemId);
  }
});

test('done: decisions move on, land once, and the badge says done in a colour that is no severity', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const overlay = overlayOf(page, HIGH_ITEM);
  await overlay.scrollIntoViewIfNeeded();
  const badge = overlay.getByTestId('badge');
  await expect(badge).toHaveText('High · 3');
  const severityBackground = await badge.evaluate((b) => getComputedStyle(b).backgroundColor);

  // Keyboard only: d three times dismisses the three findings, one each (no key acts on a
  // finding already decided): one key per decision, j moves on to the next item.
  await badge.focus();
  await page.keyboard.press('Enter');
  await expect(overlay.getByTestId('card')).toBeFocused();
  const findings = overlay.getByTestId('finding');
  await expect(findings).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('d');
    await expect(findings.nth(i)).toHaveAttribute('data-decision', 'dismissed');
  }
  await expect(badge).toHaveText('✕ Dismissed');
  await expect(badge).toHaveClass(/done-dismissed/);

  // The first item: 2 picks the second finding, c confirms it; c again confirms the first
  // (the one left), never the same one twice.
  const first = overlayOf(page, ITEM);
  await first.scrollIntoViewIfNeeded();
  await first.getByTestId('badge').focus();
  await page.keyboard.press('Enter');
  const firstFindings = first.getByTestId('finding');
  await expect(firstFindings).toHaveCount(2);
  // The badge drawn before the first open hands over to the card, which takes focus.
  await expect(first.getByTestId('card')).toBeFocused();
  await page.keyboard.press('2');
  await page.keyboard.press('c');
  await expect(firstFindings.nth(1)).toHaveAttribute('data-decision', 'confirmed');
  await page.keyboard.press('c');
  await expect(firstFindings.nth(0)).toHaveAttribute('data-decision', 'confirmed');
  const done = first.getByTestId('badge');
  await expect(done).toHaveText('✓ Confirmed');
  await expect(done).toHaveClass(/done-confirmed/);
  const colours = await done.evaluate((b) => {
    const style = getComputedStyle(b);
    return { background: style.backgroundColor, color: style.color };
  });
  // Green, not the red of Critical nor any severity's colour.
  expect(colours.background).toBe('rgb(22, 101, 52)');
  expect(colours.background).not.toBe(severityBackground);

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  const stored = async (itemId: string, handle: string) =>
    (
      (await sendFromPage(popup, 'item.state', {
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId,
          url: `${pages.url}/@${handle}/video/${itemId}`,
        },
      })) as { data: { flags: Array<{ status: string; ruleId?: string }> } }
    ).data.flags;
  // One flag per finding, no duplicates.
  const dismissed = await stored(HIGH_ITEM, 'x');
  expect(dismissed.map((f) => f.status)).toEqual(['dismissed', 'dismissed', 'dismissed']);
  expect(new Set(dismissed.map((f) => f.ruleId)).size).toBe(3);
  expect((await stored(ITEM, 'kedai.murah')).map((f) => f.status)).toEqual([
    'confirmed',
    'confirmed',
  ]);
});

test('the flag form: Save in view, Ctrl+Enter saves, a manual flag decides its finding', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.setViewportSize({ width: 1100, height: 620 });
  await page.goto(pages.url + VIDEO_PATH);
  const overlay = overlayOf(page, VIDEO_ITEM);
  const badge = overlay.getByTestId('badge');
  await expect(badge).toHaveText('High · 1');
  await badge.click();
  await overlay.getByTestId('card').focus();
  await page.keyboard.press('f');
  const form = overlay.getByTestId('flag-form');
  // The form starts on the undecided finding's policy.
  await expect(form.getByLabel('Policy')).toBeFocused();
  await expect(form.getByLabel('Policy').locator('option:checked')).toHaveText(HEALTH);
  // Save is inside the card's visible box, and the card inside the viewport.
  const save = form.getByRole('button', { name: 'Save flag' });
  await expect(save).toBeInViewport({ ratio: 1 });
  const inside = await save.evaluate((button) => {
    const card = button.closest('[data-testid="card"]') as HTMLElement;
    const b = button.getBoundingClientRect();
    const c = card.getBoundingClientRect();
    return b.top >= c.top && b.bottom <= c.bottom && b.left >= c.left && b.right <= c.right;
  });
  expect(inside).toBe(true);

  await page.keyboard.press('Control+Enter');
  await expect(overlay.getByTestId('flag')).toHaveCount(1);
  await expect(overlay.getByTestId('flag-form')).toHaveCount(0);
  // The manual flag for the finding's policy decides it: counted once, the item is done.
  await expect(overlay.getByTestId('finding')).toHaveAttribute('data-decision', 'confirmed');
  await expect(badge).toHaveText('✓ Confirmed');
  await expect(badge).toHaveAttribute('data-count', '0');

  // Cmd+Enter (Meta) saves too.
  await overlay.getByTestId('card').focus();
  await page.keyboard.press('f');
  await expect(form.getByLabel('Policy')).toBeFocused();
  await form.getByLabel('Policy').selectOption({ label: COUNTERFEIT });
  await page.keyboard.press('Meta+Enter');
  await expect(overlay.getByTestId('flag')).toHaveCount(2);

  // Ctrl+Enter in the note field (the secure frame, whose keys the overlay never hears).
  await overlay.getByTestId('card').focus();
  await page.keyboard.press('f');
  await form.getByLabel('Policy').selectOption({ label: 'Other' });
  const note = form.frameLocator('[data-testid="note-field"]').getByLabel('Note (optional)');
  await note.click();
  await page.keyboard.type('Seller repeats this listing');
  await page.keyboard.press('Control+Enter');
  await expect(overlay.getByTestId('flag')).toHaveCount(3);
  await expect(
    overlay.getByTestId('flag').filter({ hasText: 'Seller repeats this listing' }),
  ).toHaveCount(1);
});

let endpoint: TestEndpoint | undefined;
test.describe('with the endpoint', () => {
  test.beforeEach(async () => {
    endpoint = await startTestEndpoint();
  });
  test.afterEach(async () => {
    await endpoint?.close();
  });

  test('sync and escalation receipts change on the open card; the escalate key and form', async ({
    browserWithExtension,
    pages,
  }) => {
    const ep = endpoint as TestEndpoint;
    const { context, extensionId } = browserWithExtension;
    const page = await context.newPage();
    await page.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input'])
        for (const target of [window, document])
          target.addEventListener(
            type,
            (event) => {
              const e = event as KeyboardEvent & InputEvent;
              heard.push(`${type}:${e.key ?? ''}${e.data ?? ''}`);
            },
            true,
          );
    });
    await page.goto(pages.url + VIDEO_PATH);
    const overlay = overlayOf(page, VIDEO_ITEM);
    await overlay.getByTestId('badge').click();
    await overlay.getByRole('button', { name: 'Flag', exact: true }).click();
    await overlay.getByTestId('flag-form').getByRole('button', { name: 'Save flag' }).click();
    const sync = overlay.getByTestId('flag').getByTestId('sync-state');
    // No endpoint yet: the flag waits.
    await expect(sync).toHaveAttribute('data-state', 'pending');
    await expect(sync).toHaveText('waiting to sync');

    // The endpoint is set and the flag sent, elsewhere: the open card follows, not reopened.
    await configureEndpoint(context, extensionId, {
      endpointUrl: ep.url,
      token: ep.token,
      reviewerId: ep.reviewer,
    });
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await sendFromPage(popup, 'sync.now', {});
    await expect(sync).toHaveAttribute('data-state', 'synced', { timeout: 15_000 });
    await expect(overlay.getByTestId('card')).toHaveCount(1);

    // e: the escalate form, on the finding; a category and a reason are required.
    await page.bringToFront();
    await overlay.getByTestId('card').focus();
    await page.keyboard.press('e');
    const form = overlay.getByTestId('escalate-form');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('escalate-subject')).toHaveText(HEALTH);
    await expect(form.getByLabel('Category')).toBeFocused();
    await page.keyboard.press('Meta+Enter');
    await expect(form.getByTestId('escalate-error')).toHaveText(
      'Choose a category: an escalation needs one.',
    );
    await form.getByLabel('Category').selectOption({ label: 'Dangerous product' });
    await form.getByRole('button', { name: 'Escalate now' }).click();
    await expect(form.getByTestId('escalate-error')).toContainText(
      'Type a reason: an escalation needs one.',
    );
    const reason = form.frameLocator('[data-testid="note-field"]').getByLabel('Reason (required)');
    await reason.click();
    await page.keyboard.type('Fake medicine sold to diabetics');
    await form.getByRole('button', { name: 'Escalate now' }).click();
    await expect(form).toHaveCount(0);

    // The receipt on the card: queued, then delivered, then acknowledged by the lead.
    const receipt = overlay.getByTestId('escalation-receipt');
    await expect(receipt).toContainText('Dangerous product');
    await expect(receipt).toHaveAttribute('data-stage', 'delivered', { timeout: 15_000 });
    const { rows } = await ep.server.db.query<{ id: string; reason: string; category: string }>(
      'select id, reason, category from escalations',
    );
    expect(rows.map((r) => [r.category, r.reason])).toEqual([
      ['dangerous_product', 'Fake medicine sold to diabetics'],
    ]);
    const lead = (await issueToken(ep.server.db, 'lead-lin', { admin: true })).token;
    const ack = await fetch(`${ep.url}/v1/escalations/${rows[0]?.id}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead}` },
    });
    expect(ack.status).toBe(200);
    // The popup asks for receipts (as it does while open); the card follows without reopening.
    await sendFromPage(popup, 'escalation.status', {});
    await expect(receipt).toHaveAttribute('data-stage', 'acknowledged', { timeout: 20_000 });
    await expect(receipt).toContainText('Acknowledged by lead-lin');

    // The page heard none of the reason: only the triage keys pressed on the card.
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    const letters = new Set(
      heard.filter((h) => /^key(?:down|press|up):.$/.test(h)).map((h) => h.slice(-1)),
    );
    expect([...letters]).toEqual(['e']);
    // Input events with text: none (the category list's change carries no text).
    expect(heard.filter((h) => /input:./.test(h))).toEqual([]);
  });
});

/**
 * A suggested flag of low severity (no starter policy is low) on an item with no findings;
 * re-graded medium later. Its id.
 */
async function seedSuggested(page: Page, url: string): Promise<string> {
  const itemId = '7302000000000000004';
  const answer = (await sendFromPage(page, 'flag.create', {
    item: { platform: 'shopvid', kind: 'video', itemId, url: `${url}/@toko.rina/video/${itemId}` },
    policyId: 'other',
    severity: 'low',
    source: 'manual',
    status: 'suggested',
    note: '',
    evidence: [],
  })) as { data: { id: string } };
  return answer.data.id;
}

const DARK = `html, body { background: #0b0f14 !important; color: #e5e7eb !important; }
  * { background-color: transparent !important; color: #e5e7eb !important; }
  html, body { background-color: #0b0f14 !important; }`;

async function axeOnOverlay(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('flagpost-overlay')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary ?? ''}`),
  );
}

for (const theme of ['light', 'dark'] as const)
  test(`axe with colour contrast: the overlay on a ${theme} page, every severity, 0 violations`, async ({
    browserWithExtension,
    pages,
  }) => {
    const { context, extensionId } = browserWithExtension;
    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    const seeded = await seedSuggested(popup, pages.url);
    const page = await context.newPage();
    const load = async () => {
      if (page.url().endsWith('/foryou')) await page.reload();
      else await page.goto(`${pages.url}/foryou`);
      if (theme === 'dark') await page.addStyleTag({ content: DARK });
    };
    await load();
    const badges = page.locator('flagpost-overlay [data-testid="badge"]');
    const bySeverity = async (severity: string): Promise<Locator> => {
      // The seeded item is a few cards down: its box is drawn once it comes near.
      if (severity === 'low' || severity === 'medium')
        await page.locator('a[href$="/video/7302000000000000004"]').scrollIntoViewIfNeeded();
      const badge = page.locator(`flagpost-overlay [data-testid="badge"].badge-${severity}`);
      await expect(badge.first()).toBeAttached();
      return badge.first();
    };
    // Each severity's badge, and its card open (the flag re-graded medium after low).
    for (const severity of ['critical', 'high', 'low', 'medium']) {
      if (severity === 'medium') {
        await sendFromPage(popup, 'flag.update', { id: seeded, severity: 'medium' });
        await load();
      }
      const badge = await bySeverity(severity);
      await badge.scrollIntoViewIfNeeded();
      await badge.click();
      await expect(openCards(page)).toHaveCount(1);
      await expect(openCards(page).locator('.sev').first()).toBeVisible();
      expect(await axeOnOverlay(page), `${theme} ${severity}`).toEqual([]);
      await page.keyboard.press('Escape');
    }
    await expect(
      page.locator('flagpost-overlay [data-testid="badge"].quiet').first(),
    ).toBeAttached();
    // Done looks: dismiss the high item's findings, confirm the critical item's.
    const high = overlayOf(page, HIGH_ITEM);
    await high.scrollIntoViewIfNeeded();
    await high.getByTestId('badge').focus();
    await page.keyboard.press('Enter');
    // Opened before (by a click) or not, keys go to the card once it has focus.
    await high.getByTestId('card').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('d');
    await expect(high.getByTestId('badge')).toHaveClass(/done-dismissed/);
    await page.keyboard.press('Escape');
    const first = overlayOf(page, ITEM);
    await first.scrollIntoViewIfNeeded();
    await first.getByTestId('badge').focus();
    await page.keyboard.press('Enter');
    // Opened before (by a click) or not, keys go to the card once it has focus.
    await first.getByTestId('card').focus();
    await page.keyboard.press('c');
    await page.keyboard.press('c');
    await expect(first.getByTestId('badge')).toHaveClass(/done-confirmed/);
    await page.keyboard.press('Escape');
    expect(await badges.count()).toBeGreaterThan(5);
    expect(await axeOnOverlay(page), `${theme} closed badges`).toEqual([]);
  });

test('an emergency policy proposes an escalation, which the reviewer confirms in the form', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/generic/emergency-product.html`);
  const overlay = overlayOf(page, 'KO-9001');
  await expect(overlay.getByTestId('badge')).toHaveText(/^Critical · \d+$/);
  await overlay.getByTestId('badge').click();
  const weapons = overlay
    .getByTestId('finding')
    .filter({ has: page.locator('[data-testid="escalate-proposal"]') });
  await expect(weapons).toHaveAttribute('data-policy', 'weapons');
  const proposal = weapons.getByTestId('escalate-proposal');
  await expect(proposal).toContainText('Emergency policy: escalate to a lead?');
  // Nothing is sent until the reviewer confirms: the proposal opens the form, prefilled.
  await proposal.getByRole('button').click();
  const form = overlay.getByTestId('escalate-form');
  await expect(form.getByLabel('Category')).toHaveValue('dangerous_product');
  await expect(overlay.getByTestId('flag')).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toHaveCount(0);
});
