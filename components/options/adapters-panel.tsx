import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';

export interface AdaptersPanelProps {
  /** Names of the adapters in use. */
  names: string[];
  /** Validates and keeps the file; answers the new names, or where the file is wrong. */
  onImport: (
    text: string,
  ) => Promise<{ ok: true; names: string[] } | { ok: false; errors: string[] }>;
  onRemove: () => Promise<void>;
}

export function AdaptersPanel(props: AdaptersPanelProps) {
  const t = useT();
  const [names, setNames] = useState(props.names);
  const [errors, setErrors] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  return (
    <section aria-labelledby="adapters-heading" data-testid="adapters-panel">
      <h2 id="adapters-heading">{t('adaptersHeading')}</h2>
      <p>
        <small>{t('adaptersHelp')}</small>
      </p>
      <p data-testid="adapters-active">
        {names.length ? t('adaptersActive', names.join(', ')) : t('adaptersNone')}
      </p>
      <label>
        {t('adaptersImport')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="adapters-file"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (!file) return;
            const result = await props.onImport(await file.text());
            if (result.ok) {
              setNames(result.names);
              setErrors([]);
              setMessage(t('adaptersSaved'));
            } else {
              setErrors(result.errors);
              setMessage(t('adaptersRefused'));
            }
          }}
        />
      </label>
      {names.length > 0 && (
        <div class="row">
          <button
            type="button"
            onClick={async () => {
              await props.onRemove();
              setNames([]);
            }}
          >
            {t('adaptersRemove')}
          </button>
        </div>
      )}
      {message && (
        <p role="status" data-testid="adapters-message" class={errors.length ? 'error' : 'ok'}>
          {message}
        </p>
      )}
      {errors.length > 0 && (
        <ul class="error" data-testid="adapters-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
