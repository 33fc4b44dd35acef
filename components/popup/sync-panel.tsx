import { useT } from '@/components/i18n-context';
import type { RejectedRecord, SyncStatusView } from '@/lib/messaging/message-map';

export interface SyncPanelProps {
  status: SyncStatusView;
  rejected: RejectedRecord[];
  onSyncNow: () => void;
  onRetry: (record: RejectedRecord) => void;
  onDiscard: (record: RejectedRecord) => void;
  onOpenSettings: () => void;
  formatTime: (iso: string) => string;
}

export function SyncPanel(props: SyncPanelProps) {
  const t = useT();
  const { status } = props;
  return (
    <section aria-labelledby="sync-heading" data-testid="sync-panel">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      {!status.configured && (
        <p class="muted" data-testid="sync-not-configured">
          {t('syncNotConfigured')}
        </p>
      )}
      <dl>
        <dt>{t('syncPending')}</dt>
        <dd data-testid="sync-pending">{status.pending}</dd>
        <dt>{t('syncFailed')}</dt>
        <dd data-testid="sync-rejected">{status.rejected}</dd>
        <dt>{t('syncLastSuccess')}</dt>
        <dd data-testid="sync-last-success">
          {status.lastSuccessAt ? props.formatTime(status.lastSuccessAt) : t('syncNever')}
        </dd>
      </dl>
      {status.running && status.progress && (
        <p aria-live="polite" data-testid="sync-progress">
          <progress max={status.progress.total} value={status.progress.sent} />{' '}
          {t('syncRunning', [String(status.progress.sent), String(status.progress.total)])}
        </p>
      )}
      {status.lastError && (
        <p class="error" role="status" data-testid="sync-error">
          {t('syncLastError', status.lastError)}
          {status.nextAttemptAt && (
            <> {t('syncNextAttempt', props.formatTime(status.nextAttemptAt))}</>
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
