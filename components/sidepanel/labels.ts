/** Message keys for the values the panel shows, so every label goes through i18n. */

import type { MessageKey } from '@/lib/i18n/keys';
import type { QueueRow } from '@/lib/messaging/workspace-messages';

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

export const statusKey = (status: Status) => STATUS_KEYS[status];
export const severityKey = (severity: Severity) => SEVERITY_KEYS[severity];
export const syncStateKey = (state: SyncState) => SYNC_KEYS[state];
export const STATUSES = Object.keys(STATUS_KEYS) as Status[];
export const SEVERITY_VALUES = Object.keys(SEVERITY_KEYS) as Severity[];
export const SYNC_STATES = Object.keys(SYNC_KEYS) as SyncState[];
