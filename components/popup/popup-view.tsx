import { useT } from '@/components/i18n-context';

export interface Stats {
  flags: number;
  notes: number;
  items: number;
  creators: number;
}

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'ready'; stats: Stats }
  | { kind: 'error'; databaseUnavailable: boolean; message: string };

export function PopupView({
  state,
  formatNumber = String,
}: {
  state: PopupState;
  formatNumber?: (n: number) => string;
}) {
  const t = useT();
  return (
    <main>
      <h1>{t('popupTitle')}</h1>
      {state.kind === 'loading' && <p aria-live="polite">{t('popupLoading')}</p>}
      {state.kind === 'error' && (
        <p class="error" role="alert" data-testid="popup-error">
          {state.databaseUnavailable
            ? t('popupDbError', state.message)
            : t('popupError', state.message)}
        </p>
      )}
      {state.kind === 'ready' && (
        <dl data-testid="stats">
          <dt>{t('popupFlagsStored')}</dt>
          <dd data-testid="flag-count">{formatNumber(state.stats.flags)}</dd>
          <dt>{t('popupNotesStored')}</dt>
          <dd data-testid="note-count">{formatNumber(state.stats.notes)}</dd>
          <dt>{t('popupItemsSeen')}</dt>
          <dd data-testid="item-count">{formatNumber(state.stats.items)}</dd>
          <dt>{t('popupCreatorsSeen')}</dt>
          <dd data-testid="creator-count">{formatNumber(state.stats.creators)}</dd>
        </dl>
      )}
    </main>
  );
}
