/**
 * What one queue row shows: policy, severity, status; the item's title (two lines, whole on
 * hover and in the row's detail); the words the evidence matched; creator, market, sync state
 * and time. Text wraps inside the row instead of running out of it, so no language's longer
 * words are cut off sideways.
 */

import { useT } from '@/components/i18n-context';
import type { QueueRow } from '@/lib/messaging/workspace-messages';
import { severityKey, statusKey, syncStateKey } from './labels';

export interface QueueRowViewProps {
  row: QueueRow;
  policyTitle: string;
  selected: boolean;
  formatTime(iso: string): string;
}

export const creatorLabel = (row: QueueRow, none: string) =>
  row.item.creatorHandle ? `@${row.item.creatorHandle}` : (row.item.creatorId ?? none);

export function QueueRowView({ row, policyTitle, selected, formatTime }: QueueRowViewProps) {
  const t = useT();
  const title = row.item.title ?? row.item.itemId;
  const evidence = row.evidenceText?.[0];
  return (
    <>
      <span class="row-check" aria-hidden="true">
        {selected ? '☑' : '☐'}
      </span>
      <span class="row-main">
        <span class="row-line row-head">
          <strong class="row-policy" title={policyTitle}>
            {policyTitle}
          </strong>
          <span class={`row-severity sev-${row.severity}`}>{t(severityKey(row.severity))}</span>
          <span class={`row-status st-${row.status}`} data-testid="row-status">
            {t(statusKey(row.status))}
          </span>
        </span>
        <span class="row-item" title={title} data-testid="row-item">
          {title}
        </span>
        {evidence !== undefined && (
          <span class="row-evidence" title={evidence} data-testid="row-evidence">
            “{evidence}”
          </span>
        )}
        <span class="row-line row-meta">
          <span>{creatorLabel(row, t('spNoCreator'))}</span>
          {row.item.market && <span>{row.item.market}</span>}
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
