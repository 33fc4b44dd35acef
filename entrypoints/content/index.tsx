/**
 * The content script is thin: find the page's adapter, read its items, ask the background
 * for findings in batches, and draw an overlay on each. It never opens the database and
 * loads no schema library: the background validates what it sends and what it answers.
 *
 * Lifecycle: one page view at a time (page-view.ts). A new one starts when the URL changes
 * without a reload (the platform is a single-page app), when the reviewer switches the
 * site back on and when the organisation's adapters change; the old one is aborted first,
 * which removes all it drew.
 *
 * Nothing the page can dispatch starts, stops or rebuilds Flagpost. WXT's context (`ctx`)
 * is not used: it stops itself when a "content script started" event with another id is
 * dispatched on the document, which any page can do, and it announces itself to the page
 * with a window message naming the extension. Our own lifecycle ends only when the
 * extension itself goes away (reloaded or removed: `runtime.id` is gone), and URL changes
 * are read from `location`, never taken from an event (url-watch.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { useMessageTemplates } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { isFromOwnBackground, isTabCommand } from '@/lib/messaging/tab-commands';
import { yieldToPage } from '@/lib/page/overlay/chunked-queue';
import { createEvaluationCache } from '@/lib/page/overlay/evaluation-queue';
import { createDeclarativeAdapter } from '@/lib/page/sites/declarative';
import type { SiteAdapter } from '@/lib/page/sites/types';
import { startPageView } from './page-view';
import { watchUrl } from './url-watch';

interface Setup {
  enabled: boolean;
  policies: PolicyChoice[];
  adapters: SiteAdapter[];
  overlayRoot: ShadowRootMode;
  /** The adapters as the background sent them, to tell whether they changed. */
  adapterSpecs: string;
  /** The messages' language: the reviewer may choose another one. */
  language: string;
  /** On one of the platform's own hosts: only there do its adapters read the page. */
  platform: boolean;
}

/** Waits between attempts when the background cannot answer yet (it may be starting). */
const SETUP_RETRIES_MS = [500, 2_000, 8_000];
/** How often to look whether the extension is still there (an update or reload ends us). */
const ALIVE_CHECK_MS = 5_000;

export default defineContentScript({
  matches: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_idle',
  // WXT's announcement names the extension to the page and lets the page stop us.
  noScriptStartedPostMessage: true,
  async main() {
    // The script's load (compiling the bundle, its module code) is one task of the page's:
    // the setup starts in the next one, so that task holds no more than the load itself
    // (BENCHMARKS.md, issue 20, "no task over 8 ms").
    await yieldToPage();
    const life = new AbortController();
    const host = window.location.hostname;
    const cache = createEvaluationCache();
    let setup: Setup | undefined;
    let view: AbortController | undefined;
    let asked = 0;

    const stop = () => {
      view?.abort();
      view = undefined;
    };
    const start = () => {
      stop();
      if (!setup?.enabled) return;
      const current = new AbortController();
      view = current;
      startPageView(
        document,
        {
          policies: setup.policies,
          cache,
          extraAdapters: setup.adapters,
          overlayRoot: setup.overlayRoot,
          platform: setup.platform,
        },
        current.signal,
      );
    };

    /** Asks the background for this site's setup and starts, restarts or stops to match. */
    const refresh = async (attempt = 0): Promise<void> => {
      const ticket = ++asked;
      let answer: Awaited<ReturnType<typeof send<'page.setup'>>>;
      try {
        answer = await send('page.setup', { host });
      } catch {
        const wait = SETUP_RETRIES_MS[attempt];
        if (wait !== undefined && ticket === asked && !life.signal.aborted)
          setTimeout(() => void refresh(attempt + 1), wait);
        return;
      }
      // A later question (a newer setting) has been asked meanwhile: its answer decides.
      if (ticket !== asked || life.signal.aborted) return;
      const adapterSpecs = JSON.stringify(answer.adapters);
      const relabelled = setup?.language !== answer.language;
      if (relabelled) useMessageTemplates(answer.messages);
      const changed =
        !setup ||
        setup.enabled !== answer.enabled ||
        setup.adapterSpecs !== adapterSpecs ||
        setup.overlayRoot !== answer.overlayRoot ||
        setup.platform !== answer.platform ||
        relabelled;
      setup = {
        enabled: answer.enabled,
        policies: answer.policies,
        overlayRoot: answer.overlayRoot,
        adapters:
          setup?.adapterSpecs === adapterSpecs
            ? setup.adapters
            : answer.adapters.map(createDeclarativeAdapter),
        adapterSpecs,
        language: answer.language,
        platform: answer.platform,
      };
      if (!changed) return;
      if (setup.enabled) start();
      else {
        stop();
        cache.clear();
      }
    };

    life.signal.addEventListener('abort', stop, { once: true });
    const alive = setInterval(() => {
      if (browser.runtime?.id === undefined) life.abort();
    }, ALIVE_CHECK_MS);
    life.signal.addEventListener('abort', () => clearInterval(alive), { once: true });
    // The popup (site switch) and the options page (adapters, language) change settings in
    // the trusted store, which content scripts cannot reach: the background says so.
    const onCommand = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (!isFromOwnBackground(sender, browser.runtime.id)) return undefined;
      if (isTabCommand(message) && message.command === 'setup-changed') void refresh();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onCommand);
    life.signal.addEventListener(
      'abort',
      () => browser.runtime.onMessage.removeListener(onCommand),
      { once: true },
    );
    // A single-page app's navigation: the page now shows another page, so a new view.
    watchUrl(
      window,
      () => {
        if (setup?.enabled) start();
      },
      life.signal,
    );
    await refresh();
  },
});
