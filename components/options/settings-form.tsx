import { useState } from 'preact/hooks';
import type { SettingsView } from '@/lib/messaging/message-map';
import { useT } from '../i18n-context';

export interface SettingsDraft {
  endpointUrl: string;
  reviewerId: string;
  syncIntervalMinutes: number;
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
}

export function SettingsForm({ initial, onSave, afterSave, onTest }: SettingsFormProps) {
  const t = useT();
  const [endpointUrl, setEndpointUrl] = useState(initial.endpointUrl);
  const [reviewerId, setReviewerId] = useState(initial.reviewerId);
  const [interval, setInterval] = useState(initial.syncIntervalMinutes);
  const [token, setToken] = useState('');
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
        void run(async () => {
          const problem = await onSave({
            endpointUrl: endpointUrl.trim(),
            reviewerId: reviewerId.trim(),
            syncIntervalMinutes: interval,
            ...(token ? { token } : {}),
          });
          if (problem === undefined) setToken('');
          return problem === undefined
            ? { ok: true, text: t('optionsSaved') }
            : { ok: false, text: problem };
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
