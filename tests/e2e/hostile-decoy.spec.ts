/**
 * Decoys: the page draws a violating card and clean ones on one spot (and one a few pixels
 * off), the decoys listed after it. Each item's badge sits in the top right corner of its
 * card, so without stacking every decoy's badge would land on the violating card's badge,
 * cover it and take its clicks. Badges are stacked (lib/page/overlay/badge-stacking.ts):
 * measured on the screen, no badge (nor its risk chip) overlaps another, the reviewer's
 * click on the violating badge opens the violating item's card, and a card opened over
 * the stacked badges is drawn above them. When the page moves its cards afterwards, the
 * badges are stacked again.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, overlayOf, test } from './support/fixtures';

const VIOLATING = '7309000000000000801';
const DECOYS = ['7309000000000000802', '7309000000000000803', '7309000000000000804'];
const ALL = [VIOLATING, ...DECOYS];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersect = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every clickable piece of each item's closed overlay: its badge and its risk chip. */
async function clickableAreas(page: Page): Promise<Array<{ item: string; box: Box }>> {
  const areas: Array<{ item: string; box: Box }> = [];
  for (const item of ALL) {
    const overlay = overlayOf(page, item);
    const pieces: Locator[] = [
      overlay.getByTestId('badge'),
      ...(await overlay.getByTestId('risk-chip').all()),
    ];
    for (const piece of pieces) {
      const box = await piece.boundingBox();
      if (!box) throw new Error(`a piece of ${item}'s overlay has no box`);
      areas.push({ item, box });
    }
  }
  return areas;
}

function expectNoOverlap(areas: Array<{ item: string; box: Box }>) {
  for (let i = 0; i < areas.length; i++)
    for (let j = i + 1; j < areas.length; j++) {
      const a = areas[i];
      const b = areas[j];
      if (!a || !b || a.item === b.item) continue;
      expect(
        intersect(a.box, b.box),
        `${a.item} ${JSON.stringify(a.box)} and ${b.item} ${JSON.stringify(b.box)} overlap`,
      ).toBe(false);
    }
}

/** Which item's badge the browser's own hit testing finds at the centre of `badge`. */
async function itemHitAt(page: Page, badge: Locator): Promise<string | null> {
  const box = await badge.boundingBox();
  if (!box) throw new Error('the badge has no box');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  return page.evaluate(
    ([px, py]) => {
      // The overlay's root is open for automation: hit testing goes on inside it.
      const host = document.elementFromPoint(px as number, py as number);
      const inner = host?.shadowRoot?.elementFromPoint(px as number, py as number);
      return inner?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null;
    },
    [x, y],
  );
}

test('decoys on one spot cannot cover a badge or take its click', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/tag/hostile-decoy`);
  for (const item of ALL) await expect(overlayOf(page, item).getByTestId('badge')).toBeVisible();
  const violating = overlayOf(page, VIOLATING).getByTestId('badge');
  await expect(violating).toHaveText(/Critical/);

  // Stacking happens in the same pass as placing: check until the pass has run.
  await expect(async () => expectNoOverlap(await clickableAreas(page))).toPass();
  for (const item of ALL)
    expect(await itemHitAt(page, overlayOf(page, item).getByTestId('badge'))).toBe(item);

  // The page moves its cards again (a decoy slid over the violating one, all cards
  // resized): the badges are stacked again.
  const before = await violating.boundingBox();
  await page.evaluate(() => {
    const cards = document.querySelectorAll<HTMLElement>(
      '[data-e2e="recommend-list-item-container"]',
    );
    for (const card of cards) {
      card.style.top = '0';
      card.style.left = '0';
      card.style.width = '340px';
    }
  });
  await expect(async () => {
    // The badges followed their cards (20 px narrower: the right edge moved left).
    const after = await violating.boundingBox();
    expect((before?.x ?? 0) - (after?.x ?? 0)).toBeCloseTo(20, 0);
    expectNoOverlap(await clickableAreas(page));
  }).toPass();

  // The reviewer clicks the violating badge where it is drawn: its own card opens.
  const box = await violating.boundingBox();
  if (!box) throw new Error('the badge has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const card = overlayOf(page, VIOLATING).getByTestId('card');
  await expect(card).toBeVisible();
  for (const decoy of DECOYS)
    await expect(overlayOf(page, decoy).getByTestId('card')).toHaveCount(0);
  // The open card covers the badges stacked below it, drawn above them: a click on the
  // card lands in the card.
  const cardBox = await card.boundingBox();
  if (!cardBox) throw new Error('the card has no box');
  for (const decoy of DECOYS) {
    const decoyBox = await overlayOf(page, decoy).getByTestId('badge').boundingBox();
    if (!decoyBox || !intersect(decoyBox, cardBox)) continue;
    expect(await itemHitAt(page, overlayOf(page, decoy).getByTestId('badge'))).toBe(VIOLATING);
  }
});
