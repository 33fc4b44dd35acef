/**
 * The built content script (npm run test:e2e builds it first) takes the browser's own
 * `browser` object, not webextension-polyfill, while the other entrypoints keep the polyfill
 * (scripts/native-browser-in-content-scripts.ts says why). A marker string of the polyfill
 * tells which bundle has it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR } from './support/chromium';
import { expect, test } from './support/fixtures';

const POLYFILL_MARKER = 'The message port closed before a response was received.';
const read = (path: string) => readFileSync(join(EXTENSION_DIR, path), 'utf8');

test('the content script bundles no polyfill; the extension pages and background still do', () => {
  const content = read('content-scripts/content.js');
  expect(content).not.toContain(POLYFILL_MARKER);
  expect(content).toContain('globalThis.browser');
  const others = [
    'background.js',
    ...readdirSync(join(EXTENSION_DIR, 'chunks')).map((file) => `chunks/${file}`),
  ].filter((path) => read(path).includes(POLYFILL_MARKER));
  expect(others.length).toBeGreaterThan(0);
});
