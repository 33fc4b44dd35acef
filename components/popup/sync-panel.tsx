import { useT } from '@/components/i18n-context';
import type { RejectedRecord, SyncStatusView } from '@/lib/messaging/message-map';
import { syncStateOf, waitingOf } from './sync-state';

export interface SyncPanelProps {
  status: SyncStatusView;
  rejected: RejectedRecord[];
  onSyncNow: () => void;
  onRetry: (record: RejectedRecord) => void;
  onDiscard: (record: RejectedRecord) => void;
  onOpenSettings: () => void;
  formatTime: (iso: string) => string;
  /** Counts in the UI language (default: as digits). */
  formatNumber?: (n: number) => string;
}

/** The sync section: one state at a time (components/popup/sync-state.ts), then failures. */
export function SyncPanel(props: SyncPanelProps) {
  const t = useT();
  const { status } = props;
  const n = props.formatNumber ?? String;
  const state = syncStateOf(status);
  const waiting = waitingOf(state);
  return (
    <section aria-labelledby="sync-heading" data-testid="sync-panel" data-state={state.kind}>
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      {state.kind === 'not-configured' && (
        <p class="muted" data-testid="sync-not-configured">
          {t('syncNotConfigured')}
        </p>
      )}
      <dl>
        {waiting !== undefined && (
          <>
            <dt>{t('syncPending')}</dt>
            <dd data-testid="sync-pending">{n(waiting)}</dd>
          </>
        )}
        <dt>{t('syncFailed')}</dt>
        <dd data-testid="sync-rejected">{n(status.rejected)}</dd>
        <dt>{t('syncLastSuccess')}</dt>
        <dd data-testid="sync-last-success">
          {status.lastSuccessAt ? props.formatTime(status.lastSuccessAt) : t('syncNever')}
        </dd>
      </dl>
      <p aria-live="polite" data-testid="sync-state" class="sync-state">
        {state.kind === 'sending' && (
          <span data-testid="sync-progress">
            <progress max={state.total} value={state.sent} />{' '}
            {t('syncRunning', [n(state.sent), n(state.total)])}
          </span>
        )}
        {state.kind === 'starting' && t('syncStarting')}
        {state.kind === 'up-to-date' && t('syncUpToDate')}
        {state.kind === 'waiting' && t('syncWaitingSoon')}
      </p>
      {state.kind === 'retrying' && (
        <p class="error" role="status" data-testid="sync-error">
          {t('syncLastError', state.error)}
          {state.nextAttemptAt && (
            <> {t('syncNextAttempt', props.formatTime(state.nextAttemptAt))}</>
          )}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={props.onSyncNow}
          disabled={!status.configured || status.running}
        >
          {t('syncNow')}
        </button>
        <button type="button" onClick={props.onOpenSettings}>
          {t('syncOpenSettings')}
        </button>
      </div>
      {props.rejected.length > 0 && (
        <>
          <h3>{t('syncRejectedList')}</h3>
          <ul class="rejected" data-testid="rejected-list">
            {props.rejected.map((record) => (
              <li key={record.id} data-testid="rejected-record">
                <div>{record.summary}</div>
                {record.quarantined && (
                  <div class="muted" data-testid="quarantined">
                    {t('syncQuarantined')}
                  </div>
                )}
                <div class="error">{record.reason}</div>
                <div class="row">
                  <button type="button" onClick={() => props.onRetry(record)}>
                    {t('syncRetry')}
                  </button>
                  <button type="button" onClick={() => props.onDiscard(record)}>
                    {t('syncDiscard')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
