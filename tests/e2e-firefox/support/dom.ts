/**
 * Finding things in Firefox pages through puppeteer. Overlays live in Flagpost's shadow
 * root, which puppeteer's `>>>` selectors reach but wait for with a MutationObserver on the
 * document, which never sees changes inside a shadow root: a badge drawn after the first
 * look is never found. These helpers poll instead.
 */
import type { ElementHandle, JSHandle, Page } from 'puppeteer-core';

export interface Target {
  /** The item whose overlay box to search in; the whole overlay root without it. */
  item?: string;
  /** CSS selector inside the overlay (or the page, for `inPage`). */
  selector: string;
  /** Keep only the element whose trimmed text or aria-label is exactly this. */
  text?: string;
}

const WAIT_MS = 15_000;

/** The page-side search: runs in the page, so it uses only DOM globals. */
function search({ item, selector, text }: Target, inPage: boolean): Element | null {
  const root: ParentNode | null | undefined = inPage
    ? document
    : document.querySelector('flagpost-overlay')?.shadowRoot;
  if (!root) return null;
  const scope = item
    ? root.querySelector(`[data-testid="item-overlay"][data-item-id="${CSS.escape(item)}"]`)
    : root;
  if (!scope) return null;
  for (const element of scope.querySelectorAll(selector))
    if (
      text === undefined ||
      element.textContent?.trim() === text ||
      element.getAttribute('aria-label') === text
    )
      return element;
  return null;
}

async function waitFor(page: Page, target: Target, inPage: boolean): Promise<ElementHandle> {
  try {
    const handle = await page.waitForFunction(
      search,
      { polling: 100, timeout: WAIT_MS },
      target,
      inPage,
    );
    const element = handle.asElement();
    if (!element) throw new Error('not an element');
    return element as ElementHandle;
  } catch (error) {
    throw new Error(
      `Waited ${WAIT_MS} ms for ${JSON.stringify(target)} ${inPage ? 'in the page' : 'in the overlay'}: ${(error as Error).message}`,
    );
  }
}

/** Waits for an element in Flagpost's overlay root. */
export const inOverlay = (page: Page, target: Target) => waitFor(page, target, false);
/** Waits for an element in the page itself (Flagpost's own pages have no shadow root). */
export const inPage = (page: Page, target: Target) => waitFor(page, target, true);

/** The trimmed text of what `target` finds now, or null when nothing matches yet. */
export function textOf(page: Page, target: Target, where: 'overlay' | 'page' = 'overlay') {
  return attributeOf(page, target, null, where);
}

/** An attribute (or, with `null`, the trimmed text) of what `target` finds now. */
export async function attributeOf(
  page: Page,
  target: Target,
  name: string | null,
  where: 'overlay' | 'page' = 'overlay',
): Promise<string | null> {
  const handle = (await page.evaluateHandle(
    search,
    target,
    where === 'page',
  )) as JSHandle<Element | null>;
  try {
    return await handle.evaluate(
      (element, attribute) =>
        attribute === null
          ? (element?.textContent?.trim() ?? null)
          : (element?.getAttribute(attribute) ?? null),
      name,
    );
  } finally {
    await handle.dispose();
  }
}

/** How many elements match `selector` in the overlay root now. */
export function countInOverlay(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (css) =>
      document.querySelector('flagpost-overlay')?.shadowRoot?.querySelectorAll(css).length ?? 0,
    selector,
  );
}

/** Sends a Flagpost message from one of its pages, exactly as the popup does. */
export function sendFromExtensionPage(
  page: Page,
  name: string,
  request: unknown,
): Promise<unknown> {
  return page.evaluate(
    (n, r) =>
      (
        globalThis as unknown as {
          browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).browser.runtime.sendMessage({ flagpost: 1, name: n, request: r }),
    name,
    request,
  );
}

/** Replaces a text field's value as a person would: select all, then type. */
export async function fill(page: Page, field: ElementHandle, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  await field.type(text);
}

/**
 * Types a note into an item's note field (of its note form, or of its flag form): Flagpost's own page in a frame inside the overlay
 * (entrypoints/note-frame), so that the reviewed page hears no key of it.
 */
export async function typeNote(
  page: Page,
  item: string,
  text: string,
  form: 'note-form' | 'flag-form' = 'note-form',
): Promise<void> {
  const frameElement = await inOverlay(page, {
    item,
    selector: `[data-testid="${form}"] [data-testid="note-field"]`,
  });
  const frame = await frameElement.contentFrame();
  if (!frame) throw new Error(`The note field of item ${item} has no frame.`);
  const field = await frame.waitForSelector('textarea[name="note"]:not([disabled])', {
    timeout: WAIT_MS,
  });
  if (!field) throw new Error(`The note field of item ${item} has no text area.`);
  await field.type(text);
}
