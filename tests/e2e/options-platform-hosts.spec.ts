/**
 * The options page's platform hosts list (settings.platformHosts, kept in the trusted store):
 * bad lines are refused, each named with a clear message, and nothing is saved; a good list
 * is saved and open pages follow it at once, without a reload. The platform's adapters then
 * read the platform's pages only on the hosts listed: the demo server's page served as
 * 127.0.0.1 loses its badge when the list names `localhost` instead, and the same page
 * served as localhost gains one.
 */
import { expect, overlayOf, test, VIDEO_PATH } from './support/fixtures';

const ITEM = '7301234567890123456';

test('platform hosts: validated in the options page, applied to open pages without a reload', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const platform = await context.newPage();
  await platform.goto(pages.url + VIDEO_PATH);
  await expect(overlayOf(platform, ITEM).getByTestId('badge')).toBeVisible();
  const other = await context.newPage();
  const localhost = new URL(pages.url);
  localhost.hostname = 'localhost';
  await other.goto(localhost.origin + VIDEO_PATH);
  await expect(other.locator('flagpost-overlay')).toHaveCount(1);
  await expect(other.locator(`flagpost-overlay [data-item-box="${ITEM}"]`)).toHaveCount(0);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const field = options.locator('textarea[name="platformHosts"]');
  await expect(field).toHaveValue('127.0.0.1');

  // Bad lines: each is named, and nothing is saved.
  await field.fill('https://localhost:3000/\n*.com\nshop vid');
  await options.getByRole('button', { name: 'Save' }).click();
  const problems = options.getByTestId('platform-hosts-problems').locator('li');
  await expect(problems).toHaveText([
    /^Line 1: “https:\/\/localhost:3000\/” is an address\./,
    /^Line 2: “\*\.com” would make every site under a top-level domain/,
    /^Line 3: “shop vid” is not a host name\./,
  ]);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(options.getByTestId('settings-message')).toContainText('Not saved');
  await field.fill('  \n');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(problems).toHaveText(['List at least one platform host.']);
  await options.reload();
  await expect(field).toHaveValue('127.0.0.1');

  // A good list: saved (lowercased, repeats dropped) and followed by the open pages.
  await field.fill('LOCALHOST\nlocalhost\n*.shopvid.com');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByTestId('settings-message')).toHaveText('Saved.');
  await expect(options.getByTestId('platform-hosts-problems')).toHaveCount(0);
  await options.reload();
  await expect(field).toHaveValue('localhost\n*.shopvid.com');

  await expect(platform.locator(`flagpost-overlay [data-item-box="${ITEM}"]`)).toHaveCount(0);
  await expect(overlayOf(other, ITEM).getByTestId('badge')).toBeVisible();
});
