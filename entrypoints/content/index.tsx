/**
 * The content script is thin: find the page's adapter, read its items, and draw an overlay
 * on each. It never opens the database; it asks the background.
 */
import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { I18nContext } from '@/components/i18n-context';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import { anchorBox } from '@/lib/overlay/anchor';
import { createOverlayRoot } from '@/lib/overlay/overlay-root';
import { itemKey } from '@/lib/protocol/records';
import { toCreator, toItemRef } from '@/lib/sites/item-ref';
import { adapterFor } from '@/lib/sites/registry';
import { configureZodForExtension } from '@/lib/zod-setup';
import { ItemController } from './item-controller';

export default defineContentScript({
  matches: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_idle',
  async main(ctx) {
    configureZodForExtension();
    let root: ReturnType<typeof createOverlayRoot> | undefined;
    let policies: PolicyChoice[] | undefined;
    const mounted = new Map<
      string,
      { element: Element; abort: AbortController; box: HTMLElement }
    >();

    const scan = async () => {
      const location = new URL(window.location.href);
      const adapter = adapterFor(location, document);
      if (!adapter) return;
      const items = adapter.findItems(document, location);
      if (items.length === 0) return;
      policies ??= (await send('policy.choices', {})).policies;
      root ??= createOverlayRoot(document);
      for (const item of items) {
        const ref = toItemRef(item);
        if (!ref) continue;
        const key = itemKey(ref);
        const existing = mounted.get(key);
        if (existing?.element === item.element) continue;
        existing?.abort.abort();
        existing?.box.remove();
        const box = document.createElement('div');
        box.className = 'box';
        root.shadow.append(box);
        const abort = new AbortController();
        anchorBox(box, item.element, abort.signal);
        render(
          <I18nContext.Provider value={t}>
            <ItemController item={ref} creator={toCreator(item)} policies={policies} />
          </I18nContext.Provider>,
          box,
        );
        abort.signal.addEventListener('abort', () => render(null, box), { once: true });
        mounted.set(key, { element: item.element, abort, box });
      }
    };

    ctx.onInvalidated(() => {
      for (const entry of mounted.values()) entry.abort.abort();
      root?.remove();
    });
    await scan();
  },
});
