/**
 * The UI speaks the browser's language, in the overlays too: content scripts fill the
 * catalogue's templates that page.setup brings (lib/i18n/translate.ts), extension pages ask the
 * browser. Thai here; tests/unit/i18n/locales.test.ts checks every catalogue's keys.
 */
import { readFileSync } from 'node:fs';
import { launchWithExtension } from './support/chromium';
import { expect, overlayOf, popupUrl, test } from './support/fixtures';

// A feed card whose description the starter pack flags (counterfeit terms, a phone number).
const ITEM = '7302000000000000001';
const thai = JSON.parse(readFileSync('public/_locales/th/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;
const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;
const SEVERITIES = ['severityLow', 'severityMedium', 'severityHigh', 'severityCritical'];

test('with the browser in Thai, the badge, its card and the popup are in Thai', async ({
  pages,
  profileDir,
}) => {
  const { context, extensionId } = await launchWithExtension(profileDir, { lang: 'th' });
  try {
    const page = await context.newPage();
    await page.goto(`${pages.url}/foryou`);
    const overlay = overlayOf(page, ITEM);
    const badge = overlay.getByTestId('badge');
    await expect(badge).toBeVisible();
    // "<severity> · <count>", from the Thai template, with a Thai severity word.
    const text = (await badge.textContent()) ?? '';
    expect(SEVERITIES.some((key) => text.startsWith(`${thai[key]?.message} · `))).toBe(true);
    expect(SEVERITIES.some((key) => text.includes(english[key]?.message ?? '?'))).toBe(false);
    await expect(badge).toHaveAccessibleName(/Flagpost/);

    await badge.click();
    await expect(overlay.getByRole('dialog')).toContainText(thai.overlayFindings?.message ?? '?');
    // The finding names its policy in Thai (the starter pack's names), not by id or in English.
    await expect(overlay.getByTestId('finding').first()).toContainText(/[\u0E00-\u0E7F]/);
    await expect(overlay.getByRole('dialog')).toContainText('สินค้าปลอมแปลง');

    const popup = await context.newPage();
    await popup.goto(popupUrl(extensionId));
    await expect(popup.locator('#sync-heading')).toHaveText(thai.syncHeading?.message ?? '?');
    await expect(popup.locator('body')).toContainText(thai.popupFlagsStored?.message ?? '?');
  } finally {
    await context.close();
  }
});

test('a language chosen in the settings replaces the browser’s: options, popup and overlays switch to it', async ({
  browserWithExtension,
  pages,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`${pages.url}/foryou`);
  const badge = overlayOf(page, ITEM).getByTestId('badge');
  await expect(badge).toHaveText(
    new RegExp(`^(${SEVERITIES.map((k) => english[k]?.message).join('|')}) · `),
  );

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const form = options.getByTestId('settings-form');
  await form.getByLabel(english.optionsLanguage?.message ?? '?').selectOption('th');
  await form.getByRole('button', { name: english.optionsSave?.message ?? '?' }).click();
  // The page draws itself again in Thai, with Thai kept as the choice.
  await expect(options.locator('h1')).toHaveText(thai.optionsTitle?.message ?? '?');
  await expect(options.locator('html')).toHaveAttribute('lang', 'th');
  await expect(options.getByTestId('settings-form').locator('select[name="language"]')).toHaveValue(
    'th',
  );

  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popup.locator('#sync-heading')).toHaveText(thai.syncHeading?.message ?? '?');

  // The open feed follows without a reload: its overlays are drawn again in Thai.
  await expect(badge).toHaveText(
    new RegExp(`^(${SEVERITIES.map((k) => thai[k]?.message).join('|')}) · `),
  );
});
