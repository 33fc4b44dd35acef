import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { PackErrorView, PackStatus } from '@/lib/messaging/pack-messages';
import { packProblem } from './pack-problem';

export type PackActionResult =
  | {
      ok: true;
      status: PackStatus;
      message: string;
      outcome?: 'activated' | 'unchanged' | 'restored' | undefined;
    }
  | { ok: false; errors: PackErrorView[]; status: PackStatus };

export interface PackPanelProps {
  status: PackStatus;
  endpointConfigured: boolean;
  onImport: (text: string) => Promise<PackActionResult>;
  onRefresh: () => Promise<PackActionResult>;
  /** Puts the bundled pack back (offline). */
  onRestore: () => Promise<PackActionResult>;
  /** The settings accept unsigned packs: say what that risks. */
  allowUnsigned: boolean;
}

const SOURCE_KEYS = {
  bundled: 'packSourceBundled',
  file: 'packSourceFile',
  endpoint: 'packSourceEndpoint',
} as const;

export function PackPanel(props: PackPanelProps) {
  const t = useT();
  const [status, setStatus] = useState(props.status);
  const [errors, setErrors] = useState<PackErrorView[]>([]);
  const [message, setMessage] = useState<string>();

  const apply = (result: PackActionResult) => {
    setStatus(result.status);
    setErrors(result.ok ? [] : result.errors);
    const { packId, version } = result.status;
    setMessage(
      !result.ok
        ? t('packRejected')
        : result.outcome === 'restored'
          ? t('packRestored', [packId, version])
          : result.outcome === 'unchanged'
            ? t('packAlreadyActive', [packId, version])
            : result.outcome === 'activated'
              ? t('packActivated', [packId, version])
              : result.message,
    );
  };

  return (
    <section aria-labelledby="pack-heading" data-testid="pack-panel">
      <h2 id="pack-heading">{t('packHeading')}</h2>
      <p data-testid="pack-active">
        {t('packActive', [status.packId, status.version])} · {t(SOURCE_KEYS[status.source])} ·{' '}
        {status.signed ? t('packSigned') : t('packUnsigned')} ·{' '}
        {t('packCounts', [String(status.policies.length), String(status.termCount)])}
      </p>
      {props.allowUnsigned && (
        <p class="warning" role="note" data-testid="pack-unsigned-warning">
          {t('packUnsignedWarning')}
        </p>
      )}
      <label>
        {t('packImport')}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="pack-file"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (file) apply(await props.onImport(await file.text()));
            event.currentTarget.value = '';
          }}
        />
      </label>
      <div class="row">
        <button
          type="button"
          disabled={!props.endpointConfigured}
          onClick={async () => apply(await props.onRefresh())}
        >
          {t('packRefresh')}
        </button>
        <button
          type="button"
          disabled={status.source === 'bundled'}
          aria-describedby="pack-restore-help"
          onClick={async () => apply(await props.onRestore())}
        >
          {t('packRestore')}
        </button>
      </div>
      <small id="pack-restore-help">{t('packRestoreHelp')}</small>
      {message && (
        <p role="status" data-testid="pack-message" class={errors.length ? 'error' : 'ok'}>
          {message}
        </p>
      )}
      {errors.length > 0 && (
        <ul class="error" data-testid="pack-errors">
          {errors.map((error) => {
            const { text, technical } = packProblem(error, t);
            return (
              <li key={`${error.path}:${error.message}`} data-testid="pack-error">
                <span>{text}</span>
                <details>
                  <summary>{t('packErrorTechnical')}</summary>
                  <code data-testid="pack-error-technical">{technical}</code>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
