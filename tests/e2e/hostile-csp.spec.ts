/**
 * A page whose Content-Security-Policy forbids inline styles (`style-src 'self'`, common on
 * real shops, and a way for a hostile page to switch Flagpost's look off): a `<style>`
 * element in the overlay's shadow root is refused there, leaving unstyled badges and cards
 * spread over the page. The overlay must look the same as on a page without the policy.
 */
import type { Page } from '@playwright/test';
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

/** What the overlay's style sheet decides for the badge: its box and its paint. */
async function badgeLook(page: Page) {
  const badge = overlayOf(page, ITEM).getByTestId('badge');
  await expect(badge).toBeVisible();
  return badge.evaluate((element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      width: Math.round(box.width),
      height: Math.round(box.height),
      background: style.backgroundColor,
      radius: style.borderRadius,
      font: style.fontSize,
    };
  });
}

test('a page that forbids inline styles gets the same overlay', async ({
  browserWithExtension,
  pages,
}) => {
  const plain = await browserWithExtension.context.newPage();
  await plain.goto(pages.url + VIDEO_PATH);
  const expected = await badgeLook(plain);
  await plain.close();

  const strict = await browserWithExtension.context.newPage();
  const refused: string[] = [];
  strict.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await strict.goto(`${pages.url}${VIDEO_PATH}?csp=strict`);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  expect(await badgeLook(strict)).toEqual(expected);
  // The card is styled too: it opens as a box of its own, not as text spilled on the page.
  await overlayOf(strict, ITEM).getByTestId('badge').click();
  const card = overlayOf(strict, ITEM).getByTestId('card');
  await expect(card).toBeVisible();
  expect(await card.evaluate((element) => getComputedStyle(element).position)).not.toBe('static');
  expect(refused).toEqual([]);
});
