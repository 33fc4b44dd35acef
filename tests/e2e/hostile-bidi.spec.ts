/**
 * A handle that starts with a right-to-left override (U+202E) must not reorder the rest of
 * the card's summary line: the handle is shown as the page wrote it, in its own isolate, and
 * the separator and the title after it keep their places (left to right).
 */
import { expect, overlayOf, test } from './support/fixtures';

const ITEM = '7309000000000000701';

test('a right-to-left override in a handle stays inside the handle', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/tag/hostile-bidi`);
  const overlay = overlayOf(page, ITEM);
  await overlay.getByTestId('badge').click();
  const summary = overlay.getByTestId('item-summary');
  await expect(summary).toContainText('Genuine leather bag');
  // Where each piece of the line is drawn: the left edge of the text's first character.
  const left = await summary.evaluate((line) => {
    const edge = (needle: string) => {
      const walker = line.ownerDocument.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(needle) ?? -1;
        if (at < 0) continue;
        const range = line.ownerDocument.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      }
      return Number.NaN;
    };
    return { at: edge('@'), separator: edge('·'), title: edge('Genuine') };
  });
  expect(left.at).toBeLessThan(left.separator);
  expect(left.separator).toBeLessThan(left.title);
});
