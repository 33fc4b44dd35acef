/** Message keys for the values the panel shows, so every label goes through i18n. */

import type { MessageKey } from '@/lib/i18n/keys';
import type { QueueRow, QueueSortView } from '@/lib/messaging/workspace-messages';

type Status = QueueRow['status'];
type Severity = QueueRow['severity'];
type SyncState = QueueRow['syncState'];

const STATUS_KEYS: Record<Status, MessageKey> = {
  suggested: 'spStatusSuggested',
  confirmed: 'spStatusConfirmed',
  dismissed: 'spStatusDismissed',
};
const SEVERITY_KEYS: Record<Severity, MessageKey> = {
  low: 'spSeverityLow',
  medium: 'spSeverityMedium',
  high: 'spSeverityHigh',
  critical: 'spSeverityCritical',
};
const SYNC_KEYS: Record<SyncState, MessageKey> = {
  pending: 'spSyncPending',
  synced: 'spSyncSynced',
  stale: 'spSyncStale',
  rejected: 'spSyncRejected',
  discarded: 'spSyncDiscarded',
};

const SORT_KEYS: Record<QueueSortView, MessageKey> = {
  priority: 'spSortPriority',
  newest: 'spSortNewest',
  severity: 'spSortSeverity',
  risk: 'spSortRisk',
};

const BULK_ACTION_KEYS: Record<string, MessageKey> = {
  confirm: 'spActionConfirm',
  dismiss: 'spActionDismiss',
  delete: 'spActionDelete',
  sync: 'spActionSync',
};

/** A bulk action's name in a sentence ("Bulk dismiss: …"); an unknown one says so. */
export const bulkActionKey = (action: string): MessageKey =>
  BULK_ACTION_KEYS[action] ?? 'spActionOther';
export const sortKey = (sort: QueueSortView) => SORT_KEYS[sort];
export const SORTS = Object.keys(SORT_KEYS) as QueueSortView[];
export const statusKey = (status: Status) => STATUS_KEYS[status];
export const severityKey = (severity: Severity) => SEVERITY_KEYS[severity];
export const syncStateKey = (state: SyncState) => SYNC_KEYS[state];
export const STATUSES = Object.keys(STATUS_KEYS) as Status[];
export const SEVERITY_VALUES = Object.keys(SEVERITY_KEYS) as Severity[];
export const SYNC_STATES = Object.keys(SYNC_KEYS) as SyncState[];
