import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { adapterProblem, type DeclarativeError } from './adapter-problem';

/** Why a file was refused: each error, and the ids of its adapters to name them by. */
export interface AdaptersRefusal {
  ok: false;
  errors: DeclarativeError[];
  idOf?: ((index: number) => string | undefined) | undefined;
}

export interface AdaptersPanelProps {
  /** Names of the adapters in use. */
  names: string[];
  /** Validates and keeps the file; answers the new names, or where the file is wrong. */
  onImport: (text: string) => Promise<{ ok: true; names: string[] } | AdaptersRefusal>;
  onRemove: () => Promise<void>;
}

export function AdaptersPanel(props: AdaptersPanelProps) {
  const t = useT();
  const [names, setNames] = useState(props.names);
  const [refusal, setRefusal] = useState<AdaptersRefusal>();
  const errors = refusal?.errors ?? [];
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
              setRefusal(undefined);
              setMessage(t('adaptersSaved'));
            } else {
              setRefusal(result);
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
          {errors.map((error) => {
            const { text, technical } = adapterProblem(
              error,
              refusal?.idOf ?? (() => undefined),
              t,
            );
            return (
              <li key={`${error.path}:${error.message}`} data-testid="adapters-error">
                <span>{text}</span>
                <details>
                  <summary>{t('packErrorTechnical')}</summary>
                  <code data-testid="adapters-error-technical">{technical}</code>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
