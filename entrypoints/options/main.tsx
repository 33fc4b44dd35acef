import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n-context';
import { PackPanel } from '@/components/options/pack-panel';
import { type SettingsDraft, SettingsForm } from '@/components/options/settings-form';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { SettingsView } from '@/lib/messaging/message-map';
import type { PackStatus } from '@/lib/messaging/pack-messages';
import { endpointOriginPattern } from '@/lib/settings/settings';
import { configureZodForExtension } from '@/lib/zod-setup';
import '@/components/options/options.css';

/**
 * Host permission for the endpoint is asked for here, when the reviewer configures it (a
 * user gesture), rather than demanded for every site at install.
 */
async function requestEndpointPermission(endpointUrl: string): Promise<string | undefined> {
  if (!endpointUrl || !URL.canParse(endpointUrl)) return undefined;
  const origins = [endpointOriginPattern(endpointUrl)];
  try {
    if (await browser.permissions.contains({ origins })) return undefined;
    if (await browser.permissions.request({ origins })) return undefined;
  } catch {
    // e.g. the pattern is not among optional_host_permissions; fall through to the warning
  }
  return t('optionsPermissionDenied', new URL(endpointUrl).origin);
}

async function save(draft: SettingsDraft): Promise<string | undefined> {
  try {
    await send('settings.save', draft);
    return undefined;
  } catch (error) {
    return t('optionsInvalid', error instanceof Error ? error.message : String(error));
  }
}

function Options() {
  const [settings, setSettings] = useState<SettingsView>();
  const [pack, setPack] = useState<PackStatus>();
  useEffect(() => {
    void send('settings.get', {}).then(setSettings);
    void send('pack.status', {}).then(setPack);
  }, []);
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      {settings && (
        <SettingsForm
          initial={settings}
          onSave={save}
          afterSave={(draft) => requestEndpointPermission(draft.endpointUrl)}
          onTest={() => send('settings.testConnection', {})}
        />
      )}
      {pack && settings && (
        <PackPanel
          status={pack}
          endpointConfigured={Boolean(settings.endpointUrl && settings.tokenSet)}
          onImport={(text) => send('pack.import', { text })}
          onRefresh={() => send('pack.refresh', {})}
        />
      )}
    </main>
  );
}

configureZodForExtension();
document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app)
  render(
    <I18nContext.Provider value={t}>
      <Options />
    </I18nContext.Provider>,
    app,
  );
