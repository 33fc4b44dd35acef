import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '@/lib/messaging/router';
import { configureZodForExtension } from '@/lib/zod-setup';
import { handlers, identity } from './handlers';

export default defineBackground({
  type: 'module',
  main() {
    configureZodForExtension();
    const route = createRouter(handlers, identity());
    // Returning the promise answers the sender (webextension-polyfill semantics).
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  },
});
