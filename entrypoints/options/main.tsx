import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { mountPage } from '@/components/mount-page';
import { adapterIdsOf } from '@/components/options/adapter-problem';
import { AdaptersPanel } from '@/components/options/adapters-panel';
import { PackPanel } from '@/components/options/pack-panel';
import { type SettingsDraft, SettingsForm } from '@/components/options/settings-form';
import { endpointOriginPattern } from '@/lib/background/settings/settings';
import {
  clearSiteAdapters,
  loadSiteAdapters,
  saveSiteAdapters,
} from '@/lib/background/settings/site-adapters-store';
import { useChosenLanguage } from '@/lib/i18n/language';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { SettingsView } from '@/lib/messaging/message-map';
import type { PackStatus } from '@/lib/messaging/pack-messages';
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

/** Adapter names from the stored file (validated against this page's DOM). */
async function adapterNames(): Promise<string[]> {
  return (await loadSiteAdapters(document)).map((adapter) =>
    adapter.id.replace(/^declarative:/, ''),
  );
}

async function importAdapters(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false as const, errors: [{ path: '', message: `Not JSON: ${reason}` }] };
  }
  const result = await saveSiteAdapters(json, document);
  // Each error in plain words in the panel (adapter-problem.ts), its adapter named by its id.
  if (!result.ok) return { ok: false as const, errors: result.errors, idOf: adapterIdsOf(json) };
  return { ok: true as const, names: await adapterNames() };
}

function Options() {
  const [adapters, setAdapters] = useState<string[]>();
  const [settings, setSettings] = useState<SettingsView>();
  const [pack, setPack] = useState<PackStatus>();
  const [usage, setUsage] = useState<{ count: number; usedBytes: number; quotaBytes: number }>();
  /** Bumped when the reviewer picks another language: the page is drawn again in it. */
  const [language, setLanguage] = useState(0);
  const saveAndFollowLanguage = async (draft: SettingsDraft) => {
    const problem = await save(draft);
    if (problem === undefined && settings) {
      const relabel = draft.language !== settings.language;
      if (relabel) document.documentElement.lang = await useChosenLanguage(draft.language);
      // The pack panel follows what was saved (its unsigned-pack warning).
      setSettings(await send('settings.get', {}));
      if (relabel) setLanguage((round) => round + 1);
    }
    return problem;
  };
  useEffect(() => {
    void send('evidence.usage', {}).then(setUsage, () => undefined);
    void send('settings.get', {}).then(setSettings);
    void send('pack.status', {}).then(setPack);
    void adapterNames().then(setAdapters);
  }, []);
  return (
    <main key={language}>
      <h1>{t('optionsTitle')}</h1>
      {settings && (
        <SettingsForm
          initial={settings}
          onSave={saveAndFollowLanguage}
          afterSave={(draft) => requestEndpointPermission(draft.endpointUrl)}
          onTest={() => send('settings.testConnection', {})}
          evidenceUsage={usage}
        />
      )}
      {pack && settings && (
        <PackPanel
          status={pack}
          endpointConfigured={Boolean(settings.endpointUrl && settings.tokenSet)}
          onImport={(text) => send('pack.import', { text })}
          onRefresh={() => send('pack.refresh', {})}
          onRestore={() => send('pack.restoreBundled', {})}
          allowUnsigned={settings.allowUnsignedPacks}
        />
      )}
      {adapters && (
        <AdaptersPanel names={adapters} onImport={importAdapters} onRemove={clearSiteAdapters} />
      )}
    </main>
  );
}

void mountPage(() => <Options />);
