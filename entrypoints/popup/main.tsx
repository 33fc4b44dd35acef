import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n-context';
import { type PopupState, PopupView } from '@/components/popup/popup-view';
import { SyncPanel } from '@/components/popup/sync-panel';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { MessageError } from '@/lib/messaging/errors';
import type { RejectedRecord, SyncStatusView } from '@/lib/messaging/message-map';
import { configureZodForExtension } from '@/lib/zod-setup';
import '@/components/popup/popup.css';

const POLL_MS = 1_000;
const formatTime = (iso: string) => new Date(iso).toLocaleString();

function Popup() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  const [sync, setSync] = useState<SyncStatusView>();
  const [rejected, setRejected] = useState<RejectedRecord[]>([]);

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
      <PopupView state={state} />
      {state.kind === 'ready' && sync && (
        <SyncPanel
          status={sync}
          rejected={rejected}
          formatTime={formatTime}
          onSyncNow={() => void send('sync.now', {}).then(setSync)}
          onRetry={(r) => void send('sync.retry', { type: r.type, id: r.id }).then(refresh)}
          onDiscard={(r) => void send('sync.discard', { type: r.type, id: r.id }).then(refresh)}
          onOpenSettings={() => void browser.runtime.openOptionsPage()}
        />
      )}
    </>
  );
}

configureZodForExtension();
document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app)
  render(
    <I18nContext.Provider value={t}>
      <Popup />
    </I18nContext.Provider>,
    app,
  );
