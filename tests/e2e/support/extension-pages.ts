/** Helpers that act through Flagpost's own pages, as a reviewer (or the popup) would. */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export async function configureEndpoint(
  context: BrowserContext,
  extensionId: string,
  settings: { endpointUrl: string; token: string; reviewerId: string },
): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const form = page.getByTestId('settings-form');
  await form.getByLabel('Governance endpoint URL').fill(settings.endpointUrl);
  await form.getByLabel('Token').fill(settings.token);
  await form.getByLabel('Reviewer id').fill(settings.reviewerId);
  await form.getByRole('button', { name: 'Save' }).click();
  // Saved: the settings read back through the extension, a state nothing later replaces. The
  // status line's "Saved." is not waited for: what the page does next may overwrite it first.
  await expect
    .poll(() => storedEndpoint(page))
    .toEqual({
      endpointUrl: settings.endpointUrl,
      reviewerId: settings.reviewerId,
      tokenSet: true,
    });
  // While the form is busy the button reads "Testing…": the click waits until it is back.
  await form.getByRole('button', { name: 'Test connection' }).click();
  // The test's result: the status line's final state, set when the test ends, after the save.
  await expect(page.getByTestId('settings-message')).toContainText('the token is accepted');
  await page.close();
}

/** The endpoint settings as the extension holds them (the token only as set or not). */
async function storedEndpoint(page: Page) {
  const answer = (await sendFromPage(page, 'settings.get', {})) as {
    ok: boolean;
    data: { endpointUrl: string; reviewerId: string; tokenSet: boolean };
  };
  if (!answer.ok) throw new Error(`settings.get failed: ${JSON.stringify(answer)}`);
  const { endpointUrl, reviewerId, tokenSet } = answer.data;
  return { endpointUrl, reviewerId, tokenSet };
}

/** Sends a Flagpost message from an extension page, exactly as the popup does. */
export async function sendFromPage(page: Page, name: string, request: unknown): Promise<unknown> {
  return page.evaluate(
    ([n, r]) => {
      const runtime = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime;
      return runtime.sendMessage({ flagpost: 1, name: n, request: r });
    },
    [name, request] as const,
  );
}

export interface SyncStatus {
  pending: number;
  rejected: number;
  running: boolean;
  lastSuccessAt?: string;
  lastError?: string;
}

export async function syncStatus(page: Page): Promise<SyncStatus> {
  const answer = (await sendFromPage(page, 'sync.status', {})) as { ok: boolean; data: SyncStatus };
  if (!answer.ok) throw new Error(`sync.status failed: ${JSON.stringify(answer)}`);
  return answer.data;
}
