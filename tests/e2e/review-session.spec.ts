/**
 * A reviewer's session by keyboard alone (issue 18, "Must show" 1): 100 items reviewed across
 * the feed (it loads more as the reviewer goes), the video, both product pages, the profile
 * and the live page, then the side panel for the rest, with the keys of the one shared table
 * (components/triage-keymap.ts): c confirms and d dismisses the next undecided finding, j moves
 * on to the next item's card; in the panel c / d decide the active flag and move on.
 *
 * What it holds the product to, item by item (soft assertions: one run lists every item and
 * every rule that failed, not just the first):
 * - each decision takes at most 2 keys including moving on (an item with d decisions costs at
 *   most 2d keys from its card opening to the next card opening; an item with nothing to
 *   decide costs the one key that passes it);
 * - no action lands twice: one flag per (item, policy, rule) in the browser's database, the
 *   page's decisions at revision 1 and the panel's at revision 2, and the endpoint holding
 *   exactly those records at those revisions once synced;
 * - every reviewed item visibly shows it is done: the badge of an item whose findings are all
 *   decided reads done (not a severity), and the panel's row says Confirmed or Dismissed;
 * - one card open at a time, ever;
 * - a card never covers its own evidence: no evidence mark of the item's element intersects
 *   the open card's box (geometry, in the page's own coordinates).
 *
 * Getting to the first card is not a decision: the reviewer presses Shift+Tab into the
 * overlay layer (it sits after the page in the tab order) until the first item's badge has
 * focus, then Enter; those keys are counted apart and printed.
 */
import type { Page } from '@playwright/test';
import { TRIAGE_KEYS, triageCommandOf } from '@/components/triage-keymap';
import { startTestEndpoint, type TestEndpoint } from './support/endpoint';
import { configureEndpoint, sendFromPage, syncStatus } from './support/extension-pages';
import { expect, test, VIDEO_PATH } from './support/fixtures';

const TOTAL_ITEMS = 100;
const PAGES = [
  '/foryou',
  VIDEO_PATH,
  '/shop/product/1729384756102938475',
  '/shop/product/1729384756102938490',
  '/@lena.glow',
  '/@kedai.murah/live',
];

/** The keys of the shared table, checked to mean what the session uses them for. */
function keyFor(kind: 'confirm' | 'dismiss' | 'next', surface: 'overlay' | 'panel'): string {
  const wanted =
    kind === 'next'
      ? { kind: 'step', direction: 1 }
      : { kind: 'decide', decision: kind === 'confirm' ? 'confirmed' : 'dismissed' };
  for (const entry of TRIAGE_KEYS)
    for (const key of entry.keys)
      if (JSON.stringify(triageCommandOf(key, surface)) === JSON.stringify(wanted)) return key;
  throw new Error(`no ${kind} key on the ${surface}`);
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the overlay layer shows now (its root is open because automation asked). */
interface OpenCard {
  itemId: string;
  decisions: string[];
  badgeClass: string;
  badgeText: string;
  /** Evidence marks of the item's element that the card's box intersects. */
  covered: Rect[];
  marks: number;
  focused: boolean;
}

function openCards(page: Page): Promise<OpenCard[]> {
  return page.evaluate(() => {
    const root = document.querySelector('flagpost-overlay')?.shadowRoot;
    if (!root) return [];
    const rectOf = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const overlap = (a: ReturnType<typeof rectOf>, b: ReturnType<typeof rectOf>) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    return [...root.querySelectorAll<HTMLElement>('[data-testid="item-overlay"]')].flatMap(
      (overlay) => {
        const card = overlay.querySelector<HTMLElement>('[data-testid="card"]');
        if (!card) return [];
        const box = overlay.closest<HTMLElement>('[data-item-box]');
        const badge = overlay.querySelector<HTMLElement>('[data-testid="badge"]');
        // The item's evidence marks: the marks layer placed over the same element as the box.
        const layers = [...root.querySelectorAll<HTMLElement>('.marks')].filter(
          (layer) => !layer.hidden && box !== null && layer.style.transform === box.style.transform,
        );
        const cardRect = rectOf(card);
        const marks = layers.flatMap((layer) => [...layer.querySelectorAll('.mark')].map(rectOf));
        return [
          {
            itemId: overlay.getAttribute('data-item-id') ?? '',
            decisions: [...card.querySelectorAll('[data-testid="finding"]')].map(
              (f) => f.getAttribute('data-decision') ?? 'none',
            ),
            badgeClass: badge?.className ?? '',
            badgeText: badge?.textContent ?? '',
            covered: marks.filter((mark) => overlap(cardRect, mark)),
            marks: marks.length,
            focused: overlay.contains(root.activeElement),
          },
        ];
      },
    );
  });
}

/** The badge of one item now (after its card closed). */
function badgeOf(page: Page, itemId: string) {
  return page
    .locator(
      `flagpost-overlay [data-testid="item-overlay"][data-item-id="${itemId}"] [data-testid="badge"]`,
    )
    .first();
}

interface ItemReview {
  where: string;
  itemId: string;
  decisions: number;
  keys: number;
}

test('a review session of 100 items by keyboard alone: feed, video, product, profile and live pages, then the side panel', async ({
  browserWithExtension,
  pages,
}) => {
  test.setTimeout(900_000);
  const { context, extensionId } = browserWithExtension;
  const endpoint: TestEndpoint = await startTestEndpoint();
  try {
    await configureEndpoint(context, extensionId, {
      endpointUrl: endpoint.url,
      token: endpoint.token,
      reviewerId: endpoint.reviewer,
    });
    const confirm = keyFor('confirm', 'overlay');
    const dismiss = keyFor('dismiss', 'overlay');
    const next = keyFor('next', 'overlay');
    expect([keyFor('confirm', 'panel'), keyFor('dismiss', 'panel')]).toEqual([confirm, dismiss]);

    const reviewed: ItemReview[] = [];
    const entryKeys: Record<string, number> = {};
    let decisionCount = 0;
    const decisionKey = () => (decisionCount++ % 3 === 2 ? dismiss : confirm);

    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const path of PAGES) {
      await page.goto(pages.url + path);
      const badges = page.locator('flagpost-overlay [data-testid="badge"]');
      await expect(badges.first()).toBeVisible();
      // Let the first batch of badges land (they are drawn in one batch per frame).
      await page.waitForTimeout(500);

      // Into the overlay layer, onto the first item's badge (top of the page), then open it.
      const firstId = await page.evaluate(() => {
        const root = document.querySelector('flagpost-overlay')?.shadowRoot;
        const boxes = [...(root?.querySelectorAll<HTMLElement>('[data-item-box]') ?? [])].filter(
          (box) => !box.hidden,
        );
        // Boxes are moved with a transform (lib/page/overlay/anchor.ts): sorted where drawn.
        const at = (box: HTMLElement) => box.getBoundingClientRect();
        boxes.sort((a, b) => at(a).top - at(b).top || at(a).left - at(b).left);
        return boxes[0]?.getAttribute('data-item-box') ?? '';
      });
      let keys = 0;
      const onFirstBadge = () =>
        page.evaluate((id) => {
          const root = document.querySelector('flagpost-overlay')?.shadowRoot;
          const active = root?.activeElement;
          return (
            active?.getAttribute('data-testid') === 'badge' &&
            active.closest('[data-item-box]')?.getAttribute('data-item-box') === id
          );
        }, firstId);
      while (!(await onFirstBadge()) && keys < 200) {
        await page.keyboard.press('Shift+Tab');
        keys++;
      }
      expect(await onFirstBadge(), `${path}: Shift+Tab reaches the first item's badge`).toBe(true);
      await page.keyboard.press('Enter');
      entryKeys[path] = keys + 1;

      const seen = new Set<string>();
      for (let guard = 0; guard < 200; guard++) {
        let cards: OpenCard[] = [];
        await expect
          .poll(async () => {
            cards = await openCards(page);
            return cards.length;
          })
          .toBeGreaterThan(0)
          .catch(() => {});
        expect.soft(cards.length, `${path}: cards open at once`).toBeLessThanOrEqual(1);
        const card = cards[0];
        if (!card || seen.has(card.itemId)) break;
        seen.add(card.itemId);
        const item: ItemReview = { where: path, itemId: card.itemId, decisions: 0, keys: 0 };
        expect
          .soft(card.covered, `${path} ${card.itemId}: the card covers its own evidence`)
          .toEqual([]);

        // Each undecided finding: one key, which decides it and moves to the next one.
        let undecided = card.decisions.filter((d) => d === 'none').length;
        while (undecided > 0) {
          await page.keyboard.press(decisionKey());
          item.keys++;
          item.decisions++;
          const before = undecided;
          await expect
            .poll(
              async () =>
                (
                  (await openCards(page)).find((c) => c.itemId === card.itemId)?.decisions ?? []
                ).filter((d) => d === 'none').length,
              { message: `${path} ${card.itemId}: the decision shows on its finding` },
            )
            .toBeLessThan(before)
            .catch(() => {});
          const now = (await openCards(page)).find((c) => c.itemId === card.itemId);
          const left = now?.decisions.filter((d) => d === 'none').length ?? 0;
          expect
            .soft(left, `${path} ${card.itemId}: a decision key decided one finding`)
            .toBe(before - 1);
          if (left >= before) {
            // The key decided nothing (reported above): it is a key spent, not a decision.
            item.decisions--;
            decisionCount--;
            break;
          }
          undecided = left;
          const open = await openCards(page);
          expect.soft(open.length, `${path}: cards open at once`).toBeLessThanOrEqual(1);
          for (const c of open)
            expect
              .soft(c.covered, `${path} ${c.itemId}: the card covers its own evidence`)
              .toEqual([]);
        }

        // Move on: the next item's card opens in place of this one.
        await page.keyboard.press(next);
        item.keys++;
        reviewed.push(item);
        await expect
          .poll(async () => (await openCards(page)).map((c) => c.itemId).join(), {
            timeout: 5_000,
          })
          .not.toBe(card.itemId)
          .catch(() => {});
        if (item.decisions > 0) {
          const badge = badgeOf(page, card.itemId);
          await expect
            .soft(badge, `${path} ${card.itemId}: the badge shows the item is done`)
            .toHaveClass(/\bdone\b/, { timeout: 3_000 });
          await expect
            .soft(badge, `${path} ${card.itemId}: no count left on a done item`)
            .toHaveAttribute('data-count', '0', { timeout: 3_000 });
        }
      }
    }

    const onPages = reviewed.filter((r) => r.decisions > 0);
    const passed = reviewed.filter((r) => r.decisions === 0);
    console.log(
      `pages: ${reviewed.length} items visited, ${onPages.length} with decisions ` +
        `(${onPages.reduce((n, r) => n + r.decisions, 0)} decisions, ` +
        `${onPages.reduce((n, r) => n + r.keys, 0)} keys), ${passed.length} passed with nothing to decide; ` +
        `keys to reach each page's first card: ${JSON.stringify(entryKeys)}`,
    );
    for (const r of reviewed)
      if (r.decisions > 0)
        expect
          .soft(r.keys, `${r.where} ${r.itemId}: ${r.decisions} decision(s) took ${r.keys} keys`)
          .toBeLessThanOrEqual(2 * r.decisions);
      else
        expect
          .soft(r.keys, `${r.where} ${r.itemId}: passing an item with nothing to decide`)
          .toBe(1);
    // Enough of the pages' items reviewed that the session is a real one.
    expect(onPages.length).toBeGreaterThanOrEqual(10);
    expect(onPages.length).toBeLessThan(TOTAL_ITEMS);

    // The side panel for the rest: flags suggested on other items of the platform.
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const inPanel = TOTAL_ITEMS - onPages.length;
    for (let i = 0; i < inPanel; i++) {
      const itemId = String(8800000000000000000n + BigInt(i));
      const answer = (await sendFromPage(panel, 'flag.create', {
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId,
          url: `https://shop.example/@seller${i % 7}/video/${itemId}`,
          creatorId: `seller${i % 7}`,
          creatorHandle: `seller${i % 7}`,
          title: `Session item ${i}`,
          market: 'MY',
        },
        policyId: i % 2 ? 'counterfeit-goods' : 'off-platform-diversion',
        severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
        status: 'suggested',
        source: 'manual',
      })) as { ok: boolean };
      expect(answer.ok).toBe(true);
    }
    await panel.reload();
    const list = panel.getByTestId('queue-list');
    await expect(list.getByTestId('queue-row').first()).toBeVisible();
    // Reach the queue with Tab alone.
    let panelEntry = 0;
    while (!(await list.evaluate((el) => el === document.activeElement)) && panelEntry < 60) {
      await panel.keyboard.press('Tab');
      panelEntry++;
    }
    await expect(list).toBeFocused();
    const activeTitle = () =>
      list.locator('[data-testid="queue-row"].active [data-testid="row-item"]').textContent();
    const panelKeys: Array<{ title: string; keys: number; status: string }> = [];
    for (let i = 0; i < inPanel; i++) {
      const title = (await activeTitle()) ?? '';
      const key = decisionKey();
      await panel.keyboard.press(key);
      // The decided row shows its decision; the next key is for the next flag.
      const row = list
        .getByTestId('queue-row')
        .filter({ has: panel.getByTestId('row-item').getByText(title, { exact: true }) });
      const word = key === confirm ? 'Confirmed' : 'Dismissed';
      await expect
        .soft(row.getByTestId('row-status'), `panel ${title}: shows ${word}`)
        .toHaveText(word);
      panelKeys.push({ title, keys: 1, status: word });
    }
    const panelTitles = new Set(panelKeys.map((p) => p.title));
    expect(panelTitles.size, 'each panel key acted on another flag').toBe(inPanel);

    // No action landed twice, in the browser's database...
    const rows: Array<{
      id: string;
      revision: number;
      status: string;
      source: string;
      policyId: string;
      ruleId?: string;
      item: { platform: string; itemId: string; title?: string };
    }> = [];
    for (let after: unknown; ; ) {
      const answer = (await sendFromPage(panel, 'queue.page', {
        filter: {},
        sort: 'newest',
        limit: 200,
        ...(after ? { after } : {}),
      })) as { ok: boolean; data: { rows: typeof rows; next?: unknown } };
      expect(answer.ok).toBe(true);
      rows.push(...answer.data.rows);
      if (!answer.data.next || answer.data.rows.length === 0) break;
      after = answer.data.next;
    }
    const byDecision = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.item.platform}:${row.item.itemId}:${row.policyId}:${row.ruleId ?? ''}`;
      byDecision.set(key, (byDecision.get(key) ?? 0) + 1);
    }
    expect(
      [...byDecision].filter(([, n]) => n > 1),
      'flags recorded twice',
    ).toEqual([]);
    const pageFlags = rows.filter((r) => !r.item.title?.startsWith('Session item'));
    const panelFlags = rows.filter((r) => r.item.title?.startsWith('Session item'));
    expect(pageFlags).toHaveLength(decisionCount - inPanel);
    expect(pageFlags.filter((r) => r.revision !== 1)).toEqual([]);
    expect(panelFlags).toHaveLength(inPanel);
    // Every panel flag decided once (revision 2), none left suggested, none decided twice.
    expect(panelFlags.filter((r) => r.revision !== 2 || r.status === 'suggested')).toEqual([]);
    expect(rows.filter((r) => r.status === 'suggested')).toEqual([]);
    const reviewedItems = new Set([
      ...pageFlags.map((r) => r.item.itemId),
      ...panelFlags.map((r) => r.item.itemId),
    ]);
    expect(reviewedItems.size).toBe(TOTAL_ITEMS);

    // ...and at the endpoint, once synced.
    await sendFromPage(panel, 'sync.now', {});
    await expect.poll(async () => (await syncStatus(panel)).pending, { timeout: 60_000 }).toBe(0);
    const remote = await endpoint.records();
    const flagsThere = [...remote].filter(([, r]) => r.type === 'flag');
    expect(flagsThere).toHaveLength(rows.length);
    for (const row of rows)
      expect
        .soft(remote.get(row.id)?.revision, `endpoint revision of ${row.id}`)
        .toBe(row.revision);
    console.log(
      `session: ${TOTAL_ITEMS} items, ${decisionCount} decisions (${decisionCount - inPanel} on pages, ${inPanel} in the side panel), ${rows.length} flags, ${flagsThere.length} at the endpoint; panel entry ${panelEntry} Tab key(s)`,
    );
  } finally {
    await endpoint.close();
  }
});
