/**
 * What happens to a record the endpoint fails on alone (lib/background/sync/isolate.ts).
 * Once is not enough to blame it: the endpoint may have failed for a moment. It is set
 * aside for the rest of the run (the records behind it go on) and counted on its outbox
 * entry; the run that counts its QUARANTINE_AFTER-th such failure quarantines it: out of
 * the outbox, kept in the store, shown with the endpoint's answer, until the reviewer
 * retries or discards it. An edit (a new revision) starts the count again.
 */
import type { FlagpostDb, SyncStateRow } from '@/lib/background/store/db';
import { quarantinedRow, syncKey } from '@/lib/background/store/sync-transitions';
import type { Isolated } from './isolate';

/** Sync runs in which a record must fail alone before it is quarantined. */
export const QUARANTINE_AFTER = 2;

export interface Struck {
  /** Keys (`type:id`) to leave out of this run's later batches. */
  setAside: string[];
  quarantined: number;
}

export async function strikeSuspects(
  db: FlagpostDb,
  suspects: readonly Isolated[],
): Promise<Struck> {
  const struck: Struck = { setAside: [], quarantined: 0 };
  if (suspects.length === 0) return struck;
  await db.transaction('rw', db.syncStates, db.outbox, async () => {
    const keys = suspects.map(({ item }) => syncKey(item.type, item.record.id));
    const [entries, rows] = await Promise.all([
      db.outbox.bulkGet(keys),
      db.syncStates.bulkGet(keys),
    ]);
    const quarantined: SyncStateRow[] = [];
    suspects.forEach(({ item, reason }, i) => {
      const entry = entries[i];
      const row = rows[i];
      const key = keys[i] as string;
      // Gone, or edited while it was being isolated: the new revision deserves a fresh try.
      if (!entry || !row || row.revision !== item.record.revision) return;
      const attempts = entry.attempts + 1;
      if (attempts >= QUARANTINE_AFTER) {
        quarantined.push(quarantinedRow(row, reason));
        return;
      }
      entries[i] = { ...entry, attempts, lastError: reason };
      struck.setAside.push(key);
    });
    await Promise.all([
      db.syncStates.bulkPut(quarantined),
      db.outbox.bulkDelete(quarantined.map((row) => row.key)),
      db.outbox.bulkPut(
        entries.filter(
          (entry, i): entry is NonNullable<typeof entry> =>
            entry !== undefined && struck.setAside.includes(keys[i] as string),
        ),
      ),
    ]);
    struck.quarantined = quarantined.length;
  });
  return struck;
}
