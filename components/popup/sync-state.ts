/**
 * One state for the popup's sync section, derived from one `sync.status` answer, so the
 * popup never shows two stories at once ("Waiting to sync 2" beside "Syncing 3000 of
 * 3002"): while a run sends, it says how far it is and nothing else about the queue; between
 * runs it says what waits, whether a retry is due and why.
 */
import type { SyncStatusView } from '@/lib/messaging/message-map';

export type SyncState =
  | { kind: 'not-configured'; waiting: number }
  | { kind: 'sending'; sent: number; total: number }
  /** A run started but has not counted its records yet. */
  | { kind: 'starting'; waiting: number }
  | { kind: 'retrying'; waiting: number; error: string; nextAttemptAt?: string | undefined }
  | { kind: 'waiting'; waiting: number }
  | { kind: 'up-to-date' };

export function syncStateOf(status: SyncStatusView): SyncState {
  if (!status.configured) return { kind: 'not-configured', waiting: status.pending };
  if (status.running) {
    const progress = status.progress;
    if (progress && progress.total > 0)
      return {
        kind: 'sending',
        sent: Math.min(progress.sent, progress.total),
        total: progress.total,
      };
    return { kind: 'starting', waiting: status.pending };
  }
  if (status.pending > 0 && status.lastError)
    return {
      kind: 'retrying',
      waiting: status.pending,
      error: status.lastError,
      nextAttemptAt: status.nextAttemptAt,
    };
  if (status.pending > 0) return { kind: 'waiting', waiting: status.pending };
  return { kind: 'up-to-date' };
}

/** How many records wait, or undefined while a run is sending (its progress says it). */
export function waitingOf(state: SyncState): number | undefined {
  switch (state.kind) {
    case 'sending':
      return undefined;
    case 'up-to-date':
      return 0;
    default:
      return state.waiting;
  }
}
