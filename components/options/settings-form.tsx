import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { SettingsView } from '@/lib/messaging/message-map';
import { formatMb } from '@/lib/shared/evidence/quota';
import { MARKETS } from '@/lib/shared/protocol/vocabulary';
import type { DefaultMarket } from '@/lib/shared/settings/default-market';
import { LANGUAGE_NAMES, type LanguageChoice, UI_LANGUAGES } from '@/lib/shared/settings/languages';
import { type PlatformHostProblem, readPlatformHosts } from '@/lib/shared/settings/platform-hosts';

export interface SettingsDraft {
  endpointUrl: string;
  reviewerId: string;
  syncIntervalMinutes: number;
  allowUnsignedPacks: boolean;
  trustedPackKeys: string[];
  evidenceQuotaMb: number;
  language: LanguageChoice;
  defaultMarket: DefaultMarket;
  /** The platform's own hosts (checked by readPlatformHosts before the draft is made). */
  platformHosts: string[];
  /** undefined: keep the stored token. */
  token?: string;
}

export interface SettingsFormProps {
  initial: SettingsView;
  /** Resolves to an error to show, or undefined when saved. */
  onSave: (draft: SettingsDraft) => Promise<string | undefined>;
  /** After a save: anything to add (e.g. a permission the browser did not grant). */
  afterSave?: (draft: SettingsDraft) => Promise<string | undefined>;
  onTest: () => Promise<{ ok: boolean; message: string }>;
  /** How much of the evidence quota the stored snapshots use. */
  evidenceUsage?: { count: number; usedBytes: number; quotaBytes: number } | undefined;
}

/** One sentence per problem in the platform hosts list, naming its line. */
function platformHostsMessage(problem: PlatformHostProblem, t: ReturnType<typeof useT>): string {
  switch (problem.kind) {
    case 'empty':
      return t('optionsPlatformHostsEmpty');
    case 'too-many':
      return t('optionsPlatformHostsTooMany', [String(problem.max), String(problem.count)]);
    case 'address':
      return t('optionsPlatformHostsAddress', [String(problem.line), problem.value]);
    case 'too-broad':
      return t('optionsPlatformHostsTooBroad', [String(problem.line), problem.value]);
    case 'not-host':
      return t('optionsPlatformHostsNotHost', [String(problem.line), problem.value]);
  }
}

export function SettingsForm({
  initial,
  onSave,
  afterSave,
  onTest,
  evidenceUsage,
}: SettingsFormProps) {
  const t = useT();
  const [endpointUrl, setEndpointUrl] = useState(initial.endpointUrl);
  const [reviewerId, setReviewerId] = useState(initial.reviewerId);
  const [interval, setInterval] = useState(initial.syncIntervalMinutes);
  const [token, setToken] = useState('');
  const [allowUnsigned, setAllowUnsigned] = useState(initial.allowUnsignedPacks);
  const [keys, setKeys] = useState(initial.trustedPackKeys.join('\n'));
  const [quota, setQuota] = useState(initial.evidenceQuotaMb);
  const [language, setLanguage] = useState<LanguageChoice>(initial.language);
  const [defaultMarket, setDefaultMarket] = useState<DefaultMarket>(initial.defaultMarket);
  const [platformHosts, setPlatformHosts] = useState(initial.platformHosts.join('\n'));
  const [hostProblems, setHostProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ ok: boolean; text: string }>) => {
    setBusy(true);
    try {
      setMessage(await action());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      data-testid="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        const hosts = readPlatformHosts(platformHosts);
        if (!hosts.ok) {
          const problems = hosts.problems.map((problem) => platformHostsMessage(problem, t));
          setHostProblems(problems);
          setMessage({ ok: false, text: t('optionsInvalid', problems.join(' ')) });
          return;
        }
        setHostProblems([]);
        const draft: SettingsDraft = {
          endpointUrl: endpointUrl.trim(),
          reviewerId: reviewerId.trim(),
          syncIntervalMinutes: interval,
          allowUnsignedPacks: allowUnsigned,
          evidenceQuotaMb: quota,
          language,
          defaultMarket,
          platformHosts: hosts.hosts,
          trustedPackKeys: keys
            .split('\n')
            .map((k) => k.trim())
            .filter(Boolean),
          ...(token ? { token } : {}),
        };
        void run(async () => {
          const problem = await onSave(draft);
          if (problem !== undefined) return { ok: false, text: problem };
          setToken('');
          // The browser may ask the reviewer about the endpoint's host permission; the
          // settings are saved either way, so the form does not wait on that answer.
          void afterSave?.(draft).then((warning) => {
            if (warning) setMessage({ ok: false, text: `${t('optionsSaved')} ${warning}` });
          });
          return { ok: true, text: t('optionsSaved') };
        });
      }}
    >
      <label>
        {t('optionsEndpoint')}
        <input
          name="endpointUrl"
          type="url"
          value={endpointUrl}
          onInput={(e) => setEndpointUrl(e.currentTarget.value)}
          aria-describedby="endpoint-help"
        />
      </label>
      <small id="endpoint-help">{t('optionsEndpointHelp')}</small>
      <label>
        {t('optionsToken')}
        <input
          name="token"
          type="password"
          autocomplete="off"
          value={token}
          placeholder={initial.tokenSet ? t('optionsTokenSet') : ''}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="token-help"
        />
      </label>
      <small id="token-help">{t('optionsTokenHelp')}</small>
      <label>
        {t('optionsReviewer')}
        <input
          name="reviewerId"
          value={reviewerId}
          required
          onInput={(e) => setReviewerId(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('optionsInterval')}
        <input
          name="syncIntervalMinutes"
          type="number"
          min={1}
          max={1440}
          value={interval}
          onInput={(e) => setInterval(Number(e.currentTarget.value))}
        />
      </label>
      <label>
        {t('optionsLanguage')}
        <select
          name="language"
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as LanguageChoice)}
        >
          <option value="auto">{t('optionsLanguageAuto')}</option>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('optionsDefaultMarket')}
        <select
          name="defaultMarket"
          value={defaultMarket}
          onChange={(e) => setDefaultMarket(e.currentTarget.value as DefaultMarket)}
          aria-describedby="default-market-help"
        >
          <option value="any">{t('optionsDefaultMarketAny')}</option>
          {MARKETS.map((market) => (
            <option key={market} value={market}>
              {market}
            </option>
          ))}
        </select>
      </label>
      <small id="default-market-help">{t('optionsDefaultMarketHelp')}</small>
      <label>
        {t('optionsPlatformHosts')}
        <textarea
          name="platformHosts"
          rows={3}
          spellcheck={false}
          autocapitalize="off"
          value={platformHosts}
          onInput={(e) => setPlatformHosts(e.currentTarget.value)}
          aria-invalid={hostProblems.length > 0}
          aria-describedby={
            hostProblems.length > 0
              ? 'platform-hosts-problems platform-hosts-help'
              : 'platform-hosts-help'
          }
        />
      </label>
      {hostProblems.length > 0 && (
        <ul id="platform-hosts-problems" class="error" data-testid="platform-hosts-problems">
          {hostProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <small id="platform-hosts-help">{t('optionsPlatformHostsHelp')}</small>
      <label>
        {t('optionsEvidenceQuota')}
        <input
          name="evidenceQuotaMb"
          type="number"
          min={1}
          max={100000}
          value={quota}
          onInput={(e) => setQuota(Number(e.currentTarget.value))}
        />
      </label>
      {evidenceUsage && (
        <p class="hint" data-testid="evidence-usage">
          {t('optionsEvidenceUsage', [
            String(evidenceUsage.count),
            formatMb(evidenceUsage.usedBytes),
            formatMb(evidenceUsage.quotaBytes),
          ])}
        </p>
      )}
      <label class="inline">
        <input
          name="allowUnsignedPacks"
          type="checkbox"
          checked={allowUnsigned}
          onChange={(e) => setAllowUnsigned(e.currentTarget.checked)}
        />
        {t('packAllowUnsigned')}
      </label>
      <label>
        {t('packTrustedKeys')}
        <textarea
          name="trustedPackKeys"
          rows={3}
          value={keys}
          onInput={(e) => setKeys(e.currentTarget.value)}
          aria-describedby="keys-help"
        />
      </label>
      <small id="keys-help">{t('packTrustedKeysHelp')}</small>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {t('optionsSave')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const result = await onTest();
              return { ok: result.ok, text: result.message };
            })
          }
        >
          {busy ? t('optionsTesting') : t('optionsTest')}
        </button>
      </div>
      {message && (
        <p role="status" data-testid="settings-message" class={message.ok ? 'ok' : 'error'}>
          {message.text}
        </p>
      )}
    </form>
  );
}
