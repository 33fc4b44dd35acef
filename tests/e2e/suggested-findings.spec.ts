/**
 * The learned scorer on a live page: an item no rule matches, in words the scorer learned
 * from the corpus's dev split, gets a quiet "Suggested" finding on its card, with the words
 * that drove it; the badge does not count it (a suggestion is not a rule match).
 */
import { expect, overlayOf, test } from './support/fixtures';
import { markTexts } from './support/overlays';

test('a paraphrase no rule reaches shows as a Suggested finding, not on the badge', async ({
  browserWithExtension,
  pages,
}) => {
  const page = await browserWithExtension.context.newPage();
  await page.goto(`${pages.url}/generic/suggested-product.html`);
  const overlay = overlayOf(page, 'KO-9002');
  const badge = overlay.getByTestId('badge');
  await expect(badge).toHaveText('Flagpost');
  await badge.click();
  const finding = overlay.getByTestId('finding');
  await expect(finding).toHaveCount(1);
  await expect(finding).toHaveAttribute('data-rule', 'suggested');
  await expect(finding).toHaveAttribute('data-policy', 'hate-and-harassment');
  await expect(finding.getByTestId('finding-suggested')).toHaveText('Suggested');
  await expect(finding.getByTestId('finding-suggested-note')).toContainText(
    'Not a rule match: the learned scorer gives it',
  );
  await expect(finding.getByTestId('evidence').first()).toBeVisible();
  // Its words are marked in the page quietly, never in the policy's severity colour.
  await expect.poll(async () => Object.keys(await markTexts(page))).toEqual(['suggested']);
  // The reviewer can still confirm or dismiss it like any finding.
  await expect(finding.getByRole('button', { name: /^Dismiss finding/ })).toBeVisible();
});
