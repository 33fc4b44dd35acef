/**
 * Runs code in Flagpost's content-script world of a page (its isolated world, with the
 * extension APIs a content script has), through the DevTools protocol. This is what an
 * attacker who controls the page's renderer gets: every API a content script may call.
 */
import type { Page } from '@playwright/test';

export async function evaluateInContentScript(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.origin.includes(extensionId),
  );
  if (!world) throw new Error(`no Flagpost content script world in ${page.url()}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? 'failed');
  return result.value;
}
