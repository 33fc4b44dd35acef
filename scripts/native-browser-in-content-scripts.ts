/**
 * Content scripts get the browser's own `browser` object (Chrome's `chrome` where there is
 * none) instead of going through webextension-polyfill; every other entrypoint keeps the
 * polyfill. Why: where the browser has a native `browser` (Firefox, Chromium since it added
 * one), the polyfill hands that object back unchanged, but the bundler's CommonJS interop
 * then copies its properties one by one, and reading each API namespace's descriptor makes
 * the browser build that namespace's bindings: 2 to 3 ms of script on every page load
 * (BENCHMARKS.md, "Overlays"). The content script uses only promise-returning or synchronous
 * APIs (runtime.sendMessage, storage.onChanged, i18n.getMessage), which Chrome's MV3
 * `chrome` offers as they are.
 */
import type { Plugin } from 'vite';

const NATIVE = '\0flagpost:native-browser';

export function nativeBrowserInContentScripts(): Plugin {
  let contentScript = false;
  return {
    name: 'flagpost:native-browser-in-content-scripts',
    enforce: 'pre',
    options(options) {
      contentScript = JSON.stringify(options.input ?? '').includes('entrypoints/content');
    },
    resolveId(source) {
      return contentScript && source === 'webextension-polyfill' ? NATIVE : undefined;
    },
    load(id) {
      return id === NATIVE
        ? 'export default globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;'
        : undefined;
    },
  };
}
