/** Schema v5's upgrade: each record's sync fields move out of the record into its row. */
import type { Table } from 'dexie';
import type { SyncFields, SyncStateRow } from './db';
import { syncKey } from './sync-transitions';

type OldRecord = Partial<SyncFields> & { id: string; createdAt: string; revision: number };

/** Call inside the upgrade transaction: the rows and the records change together. */
export async function moveSyncFields(
  type: SyncStateRow['type'],
  records: Table<OldRecord, string>,
  rows: Table<SyncStateRow, string>,
): Promise<void> {
  const moved: SyncStateRow[] = [];
  await records.toCollection().modify((record) => {
    moved.push({
      key: syncKey(type, record.id),
      type,
      id: record.id,
      createdAt: record.createdAt,
      revision: record.revision,
      // Every v2+ record has a state; one without was never delivered (as v2 queued them).
      syncState: record.syncState ?? 'pending',
      ...(record.syncError !== undefined ? { syncError: record.syncError } : {}),
      ...(record.syncedRevision !== undefined ? { syncedRevision: record.syncedRevision } : {}),
    });
    delete record.syncState;
    delete record.syncError;
    delete record.syncedRevision;
  });
  await rows.bulkPut(moved);
}
