/** Acting through Flagpost's own pages in Firefox, as a reviewer would. */
import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { fill, inPage, textOf } from './dom';
import type { FirefoxWithExtension } from './firefox';

/** Fills the options page's endpoint settings, saves, and tests the connection. */
export async function configureEndpointInFirefox(
  firefox: FirefoxWithExtension,
  settings: { endpointUrl: string; token: string; reviewerId: string },
): Promise<void> {
  const page = await firefox.openExtensionPage('options.html');
  const field = (name: string) =>
    inPage(page, { selector: `[data-testid="settings-form"] [name="${name}"]` });
  await fill(page, await field('endpointUrl'), settings.endpointUrl);
  await fill(page, await field('token'), settings.token);
  await fill(page, await field('reviewerId'), settings.reviewerId);
  await (await inPage(page, { selector: 'button[type="submit"]', text: 'Save' })).click();
  await expectMessage(page, 'Saved.');
  await (await inPage(page, { selector: 'button', text: 'Test connection' })).click();
  await expectMessage(page, 'the token is accepted');
  await page.close();
}

async function expectMessage(page: Page, part: string) {
  await expect
    .poll(() => textOf(page, { selector: '[data-testid="settings-message"]' }, 'page'))
    .toContain(part);
}
