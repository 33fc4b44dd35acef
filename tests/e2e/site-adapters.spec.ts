/**
 * An organisation adds its own site as data: the adapters file is imported in the options
 * page (a bad one is refused with the JSON path of each problem and changes nothing), and
 * the review console's rows then get overlays like any built-in page.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';

const ADAPTERS = readFileSync('tests/fixtures/pages/console/adapters.json', 'utf8');

test('an imported adapters file makes the review console reviewable; a bad one is refused', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const console = await context.newPage();
  await console.goto(`${pages.url}/console/review-queue.html`);
  await expect(console.locator('tr.queue-row').first()).toBeVisible();
  expect(await console.locator('flagpost-overlay [data-testid="item-overlay"]').count()).toBe(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const panel = options.getByTestId('adapters-panel');
  await expect(panel.getByTestId('adapters-active')).toContainText('No organisation adapters');

  const bad = JSON.parse(ADAPTERS) as { adapters: { item: { container: string } }[] };
  const first = bad.adapters[0];
  if (first) first.item.container = 'tr[[';
  await panel.getByTestId('adapters-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(panel.getByTestId('adapters-message')).toHaveText(
    'The file was refused; the adapters in use are unchanged.',
  );
  // In plain words; the JSON path only under Technical details.
  const error = panel.getByTestId('adapters-error');
  await expect(error).toHaveCount(1);
  await expect(error.locator('span')).toHaveText(
    'Adapter 1 (review-console), the item container selector: the browser cannot read the CSS selector “tr[[”',
  );
  await expect(panel.getByTestId('adapters-error-technical')).toBeHidden();
  await error.getByText('Technical details').click();
  await expect(panel.getByTestId('adapters-error-technical')).toHaveText(
    'adapters[0].item.container · invalid CSS selector "tr[["',
  );
  await expect(panel.getByTestId('adapters-active')).toContainText('No organisation adapters');

  await panel.getByTestId('adapters-file').setInputFiles({
    name: 'adapters.json',
    mimeType: 'application/json',
    buffer: Buffer.from(ADAPTERS),
  });
  await expect(panel.getByTestId('adapters-message')).toHaveText(
    'Saved. Reload open pages to apply.',
  );
  await expect(panel.getByTestId('adapters-active')).toContainText('review-console');

  await console.reload();
  // Every row with a case id is an item; the row without one is skipped, not guessed at.
  await expect(console.locator('flagpost-overlay [data-testid="item-overlay"]')).toHaveCount(
    await console.locator('tr.queue-row[data-case-id]').count(),
  );
  await expect(
    console.locator('flagpost-overlay [data-testid="item-overlay"][data-item-id="1001"]'),
  ).toHaveCount(1);
});
