/**
 * Finding and launching the browser that runs the built extension. Debian's Chromium by
 * default; `CHROME_PATH` picks another. Branded Google Chrome ignores --load-extension, so
 * it cannot be used here.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import {
  OPEN_OVERLAY_FOR_AUTOMATION_KEY,
  SETTINGS_KEY,
} from '../../../lib/shared/settings/local-keys';
import { mergeTrusted, setTrusted } from './trusted-settings';

/**
 * The demo pages model the platform and are served on 127.0.0.1, so automation lists that
 * host as the platform's (settings.platformHosts); a reviewer's browser lists the
 * platform's real hosts.
 */
export const AUTOMATION_PLATFORM_HOSTS = ['127.0.0.1'];

import { findBrowser } from '../../../scripts/setup/probe';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** CHROME_PATH, or Debian's / Ubuntu's / snap's Chromium (scripts/setup/probe.ts). */
export function findChromium(): string | undefined {
  return findBrowser('chromium').path;
}

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the end-to-end tests.',
  process.env.CHROME_PATH
    ? `CHROME_PATH is set to "${process.env.CHROME_PATH}", which does not exist.`
    : '',
  "Install Debian's Chromium:  sudo apt-get update && sudo apt-get install -y chromium",
  'or point CHROME_PATH at a Chromium binary (not branded Google Chrome, which ignores --load-extension).',
]
  .filter(Boolean)
  .join('\n');

export async function newProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'flagpost-profile-'));
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

/**
 * Launches Chromium with the built extension. Unless `openOverlay` is false, it first asks
 * Flagpost for open overlay shadow roots (lib/shared/settings/local-keys.ts): automation reaches
 * into open roots only, and a reviewer's browser keeps them closed. It writes to the
 * extension's trusted store from its service worker, which no page can reach.
 */
export async function launchWithExtension(
  profileDir: string,
  options: {
    headless?: boolean;
    extensionDir?: string;
    env?: Record<string, string>;
    openOverlay?: boolean;
    /** The browser's UI language (`--lang`), which picks the extension's catalogue. */
    lang?: string;
    /** The platform's hosts for this run (default: the demo server's, 127.0.0.1). */
    platformHosts?: string[];
    /** More command-line switches (benches map a second host name to the fixture server). */
    args?: string[];
  } = {},
): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  if (options.openOverlay !== false)
    await setTrusted(worker, OPEN_OVERLAY_FOR_AUTOMATION_KEY, true);
  // Only the platform hosts: whatever else the profile's settings hold is kept.
  await mergeTrusted(worker, SETTINGS_KEY, {
    platformHosts: options.platformHosts ?? AUTOMATION_PLATFORM_HOSTS,
  });
  return { context, worker, extensionId };
}
