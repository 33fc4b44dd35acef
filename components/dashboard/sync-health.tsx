/** Sync health at a glance: what waits, what was refused, when sync last worked. */

import { useT } from '@/components/i18n-context';
import type { DashboardSummaryView } from '@/lib/messaging/dashboard-messages';

export function SyncHealth(props: {
  sync: DashboardSummaryView['sync'];
  formatTime: (iso: string) => string;
  formatNumber?: (n: number) => string;
}) {
  const t = useT();
  const { sync, formatTime } = props;
  return (
    <section aria-labelledby="sync-title" data-testid="sync-health">
      <h2 id="sync-title">{t('dashSyncTitle')}</h2>
      <dl class="figures">
        <dt>{t('dashSyncPending')}</dt>
        <dd data-testid="sync-pending">{(props.formatNumber ?? String)(sync.pending)}</dd>
        <dt>{t('dashSyncRejected')}</dt>
        <dd data-testid="sync-rejected" class={sync.rejected ? 'bad' : ''}>
          {(props.formatNumber ?? String)(sync.rejected)}
        </dd>
        <dt>{t('dashSyncLastSuccess')}</dt>
        <dd>{sync.lastSuccessAt ? formatTime(sync.lastSuccessAt) : t('dashNever')}</dd>
        <dt>{t('dashSyncLastAttempt')}</dt>
        <dd>{sync.lastAttemptAt ? formatTime(sync.lastAttemptAt) : t('dashNever')}</dd>
        <dt>{t('dashSyncLastError')}</dt>
        <dd class={sync.lastError ? 'bad' : ''}>{sync.lastError ?? t('dashNone')}</dd>
      </dl>
    </section>
  );
}
