/**
 * Records made before the reviewer set their id carry the placeholder id; the endpoint would
 * refuse them as someone else's. When the reviewer sets a real id, records the endpoint
 * has never accepted are re-attributed to it and queued again. Records of any other
 * reviewer id are never touched: switching identity must not take over someone's flags.
 */
import type { FlagpostDb, SyncStateRow } from './db';
import { queueRecords } from './sync-states';

/** Never accepted by the endpoint: waiting or refused, with no revision it holds. */
const neverAccepted = (row: SyncStateRow) =>
  row.syncedRevision === undefined && (row.syncState === 'pending' || row.syncState === 'rejected');

export async function adoptPlaceholderRecords(
  db: FlagpostDb,
  placeholder: string,
  reviewer: string,
  now: string,
): Promise<number> {
  if (placeholder === reviewer) return 0;
  let adopted = 0;
  await db.transaction('rw', db.flags, db.notes, db.outbox, db.syncStates, async () => {
    const rows = await db.syncStates
      .where('syncState')
      .anyOf(['pending', 'rejected'])
      .filter(neverAccepted)
      .toArray();
    for (const type of ['flag', 'note'] as const) {
      // One table type for both: only the shared reviewer field is touched here.
      const table = db.table<{ id: string; reviewer: string }, string>(`${type}s`);
      const ofType = rows.filter((row) => row.type === type);
      const records = await table.bulkGet(ofType.map((row) => row.id));
      const ours = ofType.flatMap((row, i) => {
        const record = records[i];
        return record?.reviewer === placeholder ? [{ record, row }] : [];
      });
      if (ours.length === 0) continue;
      await table.bulkPut(ours.map(({ record }) => ({ ...record, reviewer })));
      // The same revision, queued again: the rows give its id, creation time and revision.
      await queueRecords(
        db,
        type,
        ours.map(({ row }) => row),
        now,
      );
      adopted += ours.length;
    }
  });
  return adopted;
}
