/**
 * The content script is thin: find the page's adapter, read its items, ask the background
 * for findings in batches, and draw an overlay on each. It never opens the database.
 *
 * Lifecycle: one page view at a time (page-view.ts). A new one starts when the URL changes
 * without a reload (the platform is a single-page app) and when the reviewer switches the
 * site back on; the old one is aborted first, which removes all it drew.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { createEvaluationCache } from '@/lib/overlay/evaluation-queue';
import { isSiteEnabled, watchSiteEnabled } from '@/lib/overlay/site-switch';
import { loadSiteAdapters } from '@/lib/sites/site-adapters-store';
import type { SiteAdapter } from '@/lib/sites/types';
import { configureZodForExtension } from '@/lib/zod-setup';
import { startPageView } from './page-view';

export default defineContentScript({
  matches: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_idle',
  async main(ctx) {
    configureZodForExtension();
    const host = window.location.hostname;
    const cache = createEvaluationCache();
    let policies: Promise<PolicyChoice[]> | undefined;
    let extraAdapters: Promise<SiteAdapter[]> | undefined;
    let view: AbortController | undefined;
    let enabled: boolean | undefined;

    const stop = () => {
      view?.abort();
      view = undefined;
    };
    const start = async () => {
      stop();
      const current = new AbortController();
      view = current;
      policies ??= send('policy.choices', {}).then(
        (answer) => answer.policies,
        () => [],
      );
      extraAdapters ??= loadSiteAdapters(document).catch(() => []);
      const [choices, extra] = await Promise.all([policies, extraAdapters]);
      if (!current.signal.aborted)
        startPageView(document, { policies: choices, cache, extraAdapters: extra }, current.signal);
    };

    ctx.onInvalidated(stop);
    watchSiteEnabled(
      host,
      (on) => {
        enabled = on;
        if (on) void start();
        else {
          stop();
          cache.clear();
        }
      },
      ctx.signal,
    );
    // Fires inside the page's pushState, before the URL and the DOM change: end the old view
    // now and start the new one in a later task, when both have.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      if (!enabled) return;
      stop();
      ctx.setTimeout(() => {
        if (enabled && !view) void start();
      }, 0);
    });
    const initially = await isSiteEnabled(host);
    enabled ??= initially;
    if (enabled && !view) await start();
  },
});
