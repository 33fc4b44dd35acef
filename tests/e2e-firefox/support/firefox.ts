/**
 * Firefox with the built extension, driven over WebDriver BiDi by puppeteer-core: Debian's
 * firefox-esr (or FIREFOX_PATH). Playwright's Firefox needs its own patched build, which
 * cannot be downloaded here; BiDi drives the stock browser.
 *
 * An unsigned add-on installs only temporarily, so each launch installs the build again.
 * The `extensions.webextensions.uuids` pref pins the add-on's internal UUID, and so its
 * origin (moz-extension://UUID): on a kept profile, a reinstalled Flagpost finds its
 * IndexedDB and storage from the last launch, as an installed one would.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  OPEN_OVERLAY_FOR_AUTOMATION_KEY,
  SETTINGS_KEY,
} from '../../../lib/shared/settings/local-keys';
import { BROWSERS, findBrowser } from '../../../scripts/setup/probe';
import { AUTOMATION_PLATFORM_HOSTS } from '../../e2e/support/chromium';
import { mergeTrusted, setTrusted } from '../../e2e/support/trusted-settings';

export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3');
export const ADDON_ID = 'flagpost@flagpost.dev';
/** Any fixed UUID: only its being the same on every launch matters. */
const ADDON_UUID = '0f1a9b57-3c2d-4e8f-9a61-5b7c2d8e4f10';
export const EXTENSION_ORIGIN = `moz-extension://${ADDON_UUID}`;
/** Firefox's own output kept for a failure's message (it is noisy: remote settings etc.). */
const OUTPUT_KEPT = 64 * 1024;

export interface FirefoxWithExtension {
  browser: Browser;
  /** Opens one of Flagpost's pages (popup.html, options.html, ...) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** The last of what Firefox printed, for diagnosing a failed launch or a hang. */
  output(): string;
  close(): Promise<void>;
}

export function newFirefoxProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'flagpost-firefox-'));
}

/**
 * Navigates `page` to one of Flagpost's pages. Firefox lets automation open moz-extension
 * URLs only with --remote-allow-system-access, and puppeteer's goto then waits for navigation
 * events that never come for that process switch; BiDi's own navigate waits for the load.
 */
export async function gotoExtensionPage(page: Page, path: string): Promise<void> {
  const frame = page.mainFrame() as unknown as {
    browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> };
  };
  await frame.browsingContext.navigate(`${EXTENSION_ORIGIN}/${path}`, 'complete');
}

export async function launchFirefoxWithExtension(
  profileDir: string,
  options: {
    headless?: boolean;
    extensionDir?: string;
    openOverlay?: boolean;
    /** The platform's hosts for this run (default: the demo server's, 127.0.0.1). */
    platformHosts?: string[];
  } = {},
): Promise<FirefoxWithExtension> {
  const executablePath = findBrowser('firefox').path;
  if (!executablePath)
    throw new Error(
      `No Firefox found: install it with "sudo apt-get install -y ${BROWSERS.firefox.aptPackage}" or set ${BROWSERS.firefox.pathVariable}.`,
    );
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    userDataDir: profileDir,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
    },
  });
  // Drain Firefox's output: a full pipe would stall the browser. Keep the tail for errors.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
  };
  browser.process()?.stdout?.on('data', keep);
  browser.process()?.stderr?.on('data', keep);

  const openExtensionPage = async (path: string) => {
    const page = await browser.newPage();
    await gotoExtensionPage(page, path);
    return page;
  };
  try {
    await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
    // Automation settings go where the options page writes settings: the extension's own
    // IndexedDB (lib/background/settings/trusted-store.ts), from one of its pages.
    const page = await openExtensionPage('popup.html');
    // tests/e2e/support/trusted-settings.ts's page function, compiled by tsx under `npm
    // start`, names its inner functions with a helper the page does not have.
    await page.evaluate('globalThis.__name = (fn) => fn');
    const asWorker = page as unknown as Worker;
    if (options.openOverlay !== false)
      await setTrusted(asWorker, OPEN_OVERLAY_FOR_AUTOMATION_KEY, true);
    // The demo pages model the platform on 127.0.0.1 (settings.platformHosts).
    await mergeTrusted(asWorker, SETTINGS_KEY, {
      platformHosts: options.platformHosts ?? AUTOMATION_PLATFORM_HOSTS,
    });
    await page.close();
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, openExtensionPage, output: () => output, close: () => browser.close() };
}
