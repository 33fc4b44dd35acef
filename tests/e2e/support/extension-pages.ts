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
  await expect(page.getByTestId('settings-message')).toContainText('Saved.');
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('settings-message')).toContainText('the token is accepted');
  await page.close();
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
