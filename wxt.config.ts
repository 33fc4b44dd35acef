import { defineConfig } from 'wxt';
import { nativeBrowserInContentScripts } from './scripts/native-browser-in-content-scripts';

// The manifest asks for the fewest permissions: storage for settings, unlimitedStorage so
// IndexedDB evidence is never evicted, alarms for scheduled sync, notifications for escalation receipts. Page access comes from
// the content script's own matches; the governance endpoint's host permission is requested
// at run time, when a reviewer configures it (optional_host_permissions).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    version: '0.1.0',
    // activeTab: the popup reads the current tab's site (to switch Flagpost off there) only
    // when the reviewer opens it; no standing access to tabs.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'activeTab', 'notifications'],
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // The overlay's note field is this extension page in a frame (entrypoints/note-frame):
    // what the reviewer types there raises no event in the page. Listed for the pages the
    // content script runs on only. Chromium: reachable only at its dynamic URL (a per-session
    // id, which runtime.getURL gives the content script), so a page cannot probe the
    // extension's fixed id for it or frame it itself. Firefox's extension origin is already a
    // random per-install UUID, and it does not take the key.
    web_accessible_resources: [
      {
        resources: ['note-frame.html'],
        matches: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extName__' },
    // The side panel (Firefox: sidebar) comes from entrypoints/sidepanel; WXT adds the
    // `sidePanel` permission for Chrome. Its shortcut is a command handled in
    // entrypoints/background/commands.ts (an MV2 build names the popup's command differently).
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
      },
      'open-sidepanel': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_cmdOpenSidepanel__',
      },
      // Keyboard triage: opens the card of the item in view; then `c` confirms a finding.
      'flag-focused-item': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_cmdFlagFocusedItem__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'flagpost@flagpost.dev',
              strict_min_version: '142.0',
              // Flags leave the device only once a reviewer configures their organisation's
              // endpoint; until then nothing is collected.
              data_collection_permissions: {
                required: ['none'],
                optional: ['websiteContent', 'browsingActivity'],
              },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [nativeBrowserInContentScripts()],
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // For profiling (CPU profiles with readable names): FLAGPOST_NO_MINIFY=1 npx wxt build
    ...(process.env.FLAGPOST_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
});
