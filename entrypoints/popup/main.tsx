import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EscalationReceipts } from '@/components/escalation/escalation-receipts';
import { mountPage } from '@/components/mount-page';
import { type PopupState, PopupView } from '@/components/popup/popup-view';
import { SiteToggle } from '@/components/popup/site-toggle';
import { SyncPanel } from '@/components/popup/sync-panel';
import { isSiteEnabled, setSiteEnabled } from '@/lib/background/settings/site-switch';
import { formats } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import { MessageError } from '@/lib/messaging/errors';
import type { EscalationStatus } from '@/lib/messaging/escalation-messages';
import type { RejectedRecord, SyncStatusView } from '@/lib/messaging/message-map';
import '@/components/popup/popup.css';

const POLL_MS = 1_000;

/** The web site in the current tab (activeTab grants its URL while the popup is open). */
async function currentSite(): Promise<{ host: string; enabled: boolean } | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (!tab?.url || !URL.canParse(tab.url)) return undefined;
  const url = new URL(tab.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return { host: url.hostname, enabled: await isSiteEnabled(url.hostname) };
}

const openPage = (path: '/dashboard.html' | '/sidepanel.html') =>
  browser.tabs.create({ url: browser.runtime.getURL(path) });

function Popup() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  const [sync, setSync] = useState<SyncStatusView>();
  const [rejected, setRejected] = useState<RejectedRecord[]>([]);
  const [site, setSite] = useState<{ host: string; enabled: boolean }>();
  const [escalations, setEscalations] = useState<EscalationStatus>();

  useEffect(() => {
    void currentSite().then(setSite);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [stats, status, failures] = await Promise.all([
        send('stats.get', {}),
        send('sync.status', {}),
        send('sync.rejected', {}),
      ]);
      setState({ kind: 'ready', stats });
      setSync(status);
      setRejected(failures.records);
      // Receipts and the undelivered warning; a failure here must not hide the stats.
      void send('escalation.status', {}).then(setEscalations, () => {});
    } catch (error) {
      setState({
        kind: 'error',
        databaseUnavailable: error instanceof MessageError && error.code === 'database-unavailable',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <>
      <PopupView state={state} formatNumber={(n) => formats().number(n)} />
      {site && (
        <section>
          <SiteToggle
            host={site.host}
            enabled={site.enabled}
            onChange={(enabled) =>
              void setSiteEnabled(site.host, enabled).then(() => setSite({ ...site, enabled }))
            }
          />
          <div class="row">
            <button type="button" onClick={() => void openPage('/dashboard.html')}>
              {t('popupOpenDashboard')}
            </button>
            <button type="button" onClick={() => void openPage('/sidepanel.html')}>
              {t('popupOpenQueue')}
            </button>
          </div>
        </section>
      )}
      {escalations && (
        <EscalationReceipts status={escalations} formatTime={(iso) => formats().dateTime(iso)} />
      )}
      {state.kind === 'ready' && sync && (
        <SyncPanel
          status={sync}
          rejected={rejected}
          formatTime={(iso) => formats().dateTime(iso)}
          formatNumber={(n) => formats().number(n)}
          onSyncNow={() => void send('sync.now', {}).then(setSync)}
          onRetry={(r) => void send('sync.retry', { type: r.type, id: r.id }).then(refresh)}
          onDiscard={(r) => void send('sync.discard', { type: r.type, id: r.id }).then(refresh)}
          onOpenSettings={() => void browser.runtime.openOptionsPage()}
        />
      )}
    </>
  );
}

void mountPage(() => <Popup />);
