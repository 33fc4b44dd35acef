/**
 * Records made before the reviewer set their id carry the placeholder id; the endpoint would
 * refuse them as someone else's. When the reviewer sets a real id, records the endpoint
 * has never accepted are re-attributed to it and queued again. Records of any other
 * reviewer id are never touched: switching identity must not take over someone's flags.
 */
import type { FlagpostDb, SyncFields } from './db';
import { enqueue } from './outbox-repo';

export async function adoptPlaceholderRecords(
  db: FlagpostDb,
  placeholder: string,
  reviewer: string,
  now: string,
): Promise<number> {
  if (placeholder === reviewer) return 0;
  let adopted = 0;
  await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
    for (const type of ['flag', 'note'] as const) {
      // One table type for both: only the shared sync and reviewer fields are touched here.
      const table = db.table<SyncFields & { reviewer: string }, string>(`${type}s`);
      const neverAccepted = (r: SyncFields & { reviewer: string }) =>
        r.reviewer === placeholder &&
        r.syncedRevision === undefined &&
        (r.syncState === 'pending' || r.syncState === 'rejected');
      const ids = await table.filter(neverAccepted).primaryKeys();
      for (const id of ids) {
        await table
          .where('id')
          .equals(id)
          .modify((record: SyncFields & { reviewer: string }) => {
            record.reviewer = reviewer;
            record.syncState = 'pending';
            delete record.syncError;
          });
        await enqueue(db, type, id, now);
      }
      adopted += ids.length;
    }
  });
  return adopted;
}
