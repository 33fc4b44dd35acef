/**
 * Real shop pages, modelled case by case (tests/fixtures/pages/shops): every product gets
 * one overlay, placed over the visible element that shows it (its name, image, player or the
 * page itself), variants as one item, and never two badges on one spot. Checked by geometry
 * in real Chromium, where the shops' own CSS hides their decoy headings.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, overlayOf, test } from './support/fixtures';
import { overlayIds } from './support/overlays';

interface Case {
  file: string;
  /** Item id -> the element (selector) its overlay must sit on. */
  items: Record<string, string>;
}

const CASES: Case[] = [
  { file: 'hidden-heading.html', items: { 'HH-KETTLE-17': 'h1.product-title' } },
  { file: 'breadcrumb-heading.html', items: { 'SS-TR2': 'h2.product-name' } },
  {
    file: 'microdata-itemprop.html',
    items: {
      'KK-BAWAL-01': 'section.main-product',
      'KK-SHAWL-02': '.rec:nth-child(1)',
      'KK-INNER-03': '.rec:nth-child(2)',
    },
  },
  { file: 'variants.html', items: { 'ET-BLACK-S': 'main h1' } },
  { file: 'empty-container.html', items: { 'DN-ROA-200': 'h1.title' } },
  { file: 'page-wrapper.html', items: { 'BV-NCKD-5L': 'h1' } },
  { file: 'no-heading.html', items: { 'SD-UMB-UVPRO': 'body' } },
  {
    file: 'article-videos.html',
    items: {
      'https://video.example/embed/phone-a': 'iframe[title="Phone A review"]',
      'https://video.example/embed/phone-b': 'iframe[title="Phone B review"]',
    },
  },
  { file: 'lowercase-type.html', items: { 'GMY-PB20K': 'h1' } },
  { file: 'price-date.html', items: { 'BL-RS-30': 'h1' } },
  { file: 'ticking.html', items: { 'SSG-NC700': 'h1' } },
];

interface Geometry {
  box: DOMRect | undefined;
  badge: DOMRect | undefined;
  target: DOMRect | undefined;
}

/** The overlay box, its badge and the expected target of an item, in viewport coordinates. */
function geometry(page: Page, id: string, selector: string): Promise<Geometry> {
  return page.evaluate(
    ([itemId, targetSelector]) => {
      const root = document.querySelector('flagpost-overlay')?.shadowRoot;
      const box = root?.querySelector(`[data-item-box="${CSS.escape(itemId)}"]`);
      const badge = box?.querySelector('[data-testid="badge"]');
      const rect = (element: Element | null | undefined) =>
        element ? (element.getBoundingClientRect().toJSON() as DOMRect) : undefined;
      return {
        box: rect(box),
        badge: rect(badge),
        target: rect(document.querySelector(targetSelector)),
      };
    },
    [id, selector] as const,
  );
}

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

for (const c of CASES) {
  test(`shop page: ${c.file} places each item on what shows it`, async ({
    browserWithExtension,
    pages,
  }) => {
    const page = await browserWithExtension.context.newPage();
    await page.goto(`${pages.url}/shops/${c.file}`);
    const ids = Object.keys(c.items).sort();
    await expect.poll(() => overlayIds(page)).toEqual(ids);
    for (const id of ids)
      await expect(overlayOf(page, id)).toHaveAttribute('data-findings', 'done');

    const badges: DOMRect[] = [];
    for (const [id, selector] of Object.entries(c.items)) {
      // The box follows its target: it has no size, and is moved to the target's top-right
      // corner (lib/page/overlay/anchor.ts).
      await expect
        .poll(async () => {
          const { box, target } = await geometry(page, id, selector);
          if (!box || !target) return 'missing';
          const near = (a: number, b: number) => Math.abs(a - b) <= 1;
          return near(box.left, target.right) && near(box.top, target.top)
            ? 'on target'
            : `box ${box.left},${box.top} target ${target.right},${target.top}`;
        })
        .toBe('on target');
      const { badge, target } = await geometry(page, id, selector);
      expect(badge, id).toBeDefined();
      expect(target, id).toBeDefined();
      if (!badge || !target) continue;
      // The badge is drawn at the target's top right corner, inside its width.
      expect(badge.width, id).toBeGreaterThan(0);
      expect(badge.left, id).toBeGreaterThanOrEqual(target.left - 1);
      expect(badge.right, id).toBeLessThanOrEqual(target.right + 1);
      expect(badge.top, id).toBeGreaterThanOrEqual(target.top - 1);
      expect(badge.top, id).toBeLessThan(target.top + 24);
      badges.push(badge);
    }
    // Never two badges on one spot.
    for (let i = 0; i < badges.length; i++)
      for (let j = i + 1; j < badges.length; j++)
        expect(overlaps(badges[i]!, badges[j]!), `badges ${i} and ${j}`).toBe(false);
  });
}

test('a European shop: a price followed by a date is no ID number (the checks for the six markets skip it)', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/shops/price-date.html`);
  const overlay = overlayOf(page, 'BL-RS-30');
  await expect(overlay).toHaveAttribute('data-findings', 'done');
  await expect(overlay.getByTestId('badge')).not.toContainText('Critical');
});

/**
 * The ticking shop page, once its item has its overlay and the page has drawn `frames` more
 * frames after that (its countdowns rewritten each frame).
 */
async function openTickingPage(context: BrowserContext, url: string, frames: number) {
  const page = await context.newPage();
  await page.goto(`${url}/shops/ticking.html`);
  await expect(overlayOf(page, 'SSG-NC700')).toHaveAttribute('data-findings', 'done');
  const drawn = Number(await page.locator('#frames').textContent());
  await expect
    .poll(async () => Number(await page.locator('#frames').textContent()))
    .toBeGreaterThan(drawn + frames);
  return page;
}

test('a ticking page keeps its one overlay and adds nothing to the document but the host', async ({
  browserWithExtension,
  pages,
}) => {
  // Frames keep coming and the counters keep changing; the overlay stays one and in place.
  const page = await openTickingPage(browserWithExtension.context, pages.url, 30);
  expect(await overlayIds(page)).toEqual(['SSG-NC700']);
  const outside = await page.evaluate(() => ({
    sheets: document.adoptedStyleSheets.length,
    hosts: document.querySelectorAll('flagpost-overlay').length,
  }));
  expect(outside).toEqual({ sheets: 0, hosts: 1 });
});

test('a ticking page: what the page puts in a countdown, or beside it, after it ticked is still read', async ({
  browserWithExtension,
  pages,
}) => {
  // Countdowns rewritten every frame stop being observed once they have ticked a while
  // (lib/page/overlay/observed-tree.ts); an item the page puts in one later, or anywhere
  // else, must still get its overlay.
  const page = await openTickingPage(browserWithExtension.context, pages.url, 60);

  const product = (sku: string, name: string) =>
    `<span itemscope itemtype="https://schema.org/Product"><meta itemprop="sku" content="${sku}" /><span itemprop="name">${name}</span><span itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="29.00" /><meta itemprop="priceCurrency" content="SGD" /></span></span>`;
  // Beside the countdown: a new element under the countdown's ancestors.
  await page.evaluate(
    (html) => {
      const section = document.createElement('section');
      section.innerHTML = html;
      document.body.append(section);
    },
    product('SSG-CASE-1', 'Carry case'),
  );
  await expect(overlayOf(page, 'SSG-CASE-1')).toHaveAttribute('data-findings', 'done');

  // In the countdown itself, once the page stops rewriting it.
  // The page's own list of counters (a top-level const of its script): emptied, its frame
  // callback no longer writes to them.
  await page.evaluate('counters.length = 0');
  await page.evaluate(
    (html) => {
      const countdown = document.getElementById('page-countdown');
      if (!countdown) throw new Error('no #page-countdown on the ticking page');
      countdown.innerHTML = html;
    },
    product('SSG-TIPS-2', 'Spare ear tips'),
  );
  await expect(overlayOf(page, 'SSG-TIPS-2')).toHaveAttribute('data-findings', 'done');
  expect(await overlayIds(page)).toEqual(['SSG-CASE-1', 'SSG-NC700', 'SSG-TIPS-2']);
});
