/** What one queue row shows: policy, severity, status, creator, item, sync state, time. */

import { useT } from '@/components/i18n-context';
import type { QueueRow } from '@/lib/messaging/workspace-messages';
import { severityKey, statusKey, syncStateKey } from './labels';

export interface QueueRowViewProps {
  row: QueueRow;
  policyTitle: string;
  selected: boolean;
  formatTime(iso: string): string;
}

export function QueueRowView({ row, policyTitle, selected, formatTime }: QueueRowViewProps) {
  const t = useT();
  const creator = row.item.creatorHandle
    ? `@${row.item.creatorHandle}`
    : (row.item.creatorId ?? t('spNoCreator'));
  return (
    <>
      <span class="row-check" aria-hidden="true">
        {selected ? '☑' : '☐'}
      </span>
      <span class="row-main">
        <span class="row-line">
          <strong class="row-policy">{policyTitle}</strong>
          <span class={`row-severity sev-${row.severity}`}>{t(severityKey(row.severity))}</span>
          <span class={`row-status st-${row.status}`} data-testid="row-status">
            {t(statusKey(row.status))}
          </span>
        </span>
        <span class="row-line row-meta">
          <span>{creator}</span>
          {row.item.market && <span>{row.item.market}</span>}
          <span class="row-item">{row.item.title ?? row.item.itemId}</span>
          <span class={`row-sync sync-${row.syncState}`}>{t(syncStateKey(row.syncState))}</span>
          <time dateTime={row.createdAt}>{formatTime(row.createdAt)}</time>
          {row.snapshot && (
            <span class="row-snapshot" data-testid="row-snapshot">
              {t('spSnapshotOpen', row.snapshot.slice(0, 8))}
            </span>
          )}
        </span>
      </span>
    </>
  );
}
