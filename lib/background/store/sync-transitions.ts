/**
 * Every change of a record's sync state, as pure functions from the row before (if any) to
 * the row after. The repositories and the sync engine write what these return; nothing else
 * decides a sync state.
 */
import type { ItemResult } from '@/lib/shared/protocol/batch';
import type { SyncFields, SyncStateRow, WithSync } from './db';
import { outboxKey } from './outbox-repo';

type RecordType = SyncStateRow['type'];

/** What a sync row needs from its record: identity, creation time, current revision. */
export interface RecordRef {
  id: string;
  createdAt: string;
  revision: number;
}

/** The same key as the record's outbox entry: `type:id`. */
export const syncKey = outboxKey;

const kept = (previous: SyncStateRow | undefined) =>
  previous?.syncedRevision !== undefined ? { syncedRevision: previous.syncedRevision } : {};

/** Queued for delivery at its current revision: any earlier error is moot. */
export function queuedRow(
  type: RecordType,
  record: RecordRef,
  previous: SyncStateRow | undefined,
): SyncStateRow {
  return {
    key: syncKey(type, record.id),
    type,
    id: record.id,
    createdAt: record.createdAt,
    revision: record.revision,
    syncState: 'pending',
    ...kept(previous),
  };
}

/** Kept on this device only (someone else's imported record): never sent as ours. */
export function localOnlyRow(
  type: RecordType,
  record: RecordRef,
  previous: SyncStateRow | undefined,
): SyncStateRow {
  return { ...queuedRow(type, record, previous), syncState: 'discarded' };
}

/** The endpoint's answer for the row's revision; the sync fields are replaced wholesale. */
export function answeredRow(row: SyncStateRow, result: ItemResult): SyncStateRow {
  const { syncError: _e, syncedRevision: _r, quarantined: _q, ...rest } = row;
  switch (result.result) {
    case 'created':
    case 'updated':
    case 'unchanged':
      return { ...rest, syncState: 'synced', syncedRevision: result.revision };
    case 'stale':
      return {
        ...rest,
        syncState: 'stale',
        ...(result.serverRevision ? { syncedRevision: result.serverRevision } : {}),
      };
    case 'rejected':
      return {
        ...rest,
        syncState: 'rejected',
        syncError: result.reason ?? result.code ?? 'rejected',
      };
  }
}

/** Refused before sending (too large, or invalid as stored), or by the endpoint alone. */
export function rejectedRow(row: SyncStateRow, reason: string): SyncStateRow {
  const { quarantined: _q, ...rest } = row;
  return { ...rest, syncState: 'rejected', syncError: reason };
}

/**
 * Set aside after the endpoint failed on it alone, run after run: shown as rejected, with
 * the endpoint's answer and the mark that tells it from a refusal.
 */
export function quarantinedRow(row: SyncStateRow, reason: string): SyncStateRow {
  return { ...row, syncState: 'rejected', syncError: reason, quarantined: true };
}

/** Set aside by the reviewer: kept local, shown, never sent. */
export function discardedRow(row: SyncStateRow): SyncStateRow {
  return { ...row, syncState: 'discarded' };
}

/** Only the sync fields of a row (none of its keys). */
export function syncFieldsOf(row: SyncStateRow | undefined): SyncFields {
  // A record always has a row (written with it); a missing one would be a record written
  // around the repositories, which has never been queued either.
  if (!row) return { syncState: 'pending' };
  return {
    syncState: row.syncState,
    ...(row.syncError !== undefined ? { syncError: row.syncError } : {}),
    ...(row.syncedRevision !== undefined ? { syncedRevision: row.syncedRevision } : {}),
    ...(row.quarantined ? { quarantined: true as const } : {}),
  };
}

/** The stored record of a joined one. */
export function withoutSync<T>(record: WithSync<T>): T {
  const { syncState: _s, syncError: _e, syncedRevision: _r, quarantined: _q, ...stored } = record;
  return stored as T;
}

/** A record joined with its sync row. */
export function withSync<T>(record: T, row: SyncStateRow | undefined): WithSync<T> {
  return { ...record, ...syncFieldsOf(row) };
}
