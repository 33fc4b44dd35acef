import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n-context';
import { type PopupState, PopupView } from '@/components/popup/popup-view';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { MessageError } from '@/lib/messaging/errors';
import { configureZodForExtension } from '@/lib/zod-setup';
import '@/components/popup/popup.css';

function Popup() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  useEffect(() => {
    send('stats.get', {})
      .then((stats) => setState({ kind: 'ready', stats }))
      .catch((error: unknown) =>
        setState({
          kind: 'error',
          databaseUnavailable:
            error instanceof MessageError && error.code === 'database-unavailable',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
  }, []);
  return <PopupView state={state} />;
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
