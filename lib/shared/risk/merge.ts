/**
 * Local records and the endpoint's history overlap: a flag this reviewer synced comes back
 * in the creator's remote history. Merging keeps one copy per id, the higher revision (the
 * local one on a tie, since it also knows its sync state), and drops the id altogether when
 * the winning revision is a tombstone, so nothing is counted twice and deletions stick.
 */

export type RecordSource = 'local' | 'remote';

export interface Revisioned {
  id: string;
  revision: number;
  deleted?: boolean | undefined;
}

export interface Sourced<T> {
  record: T;
  source: RecordSource;
}

export function mergeRecords<T extends Revisioned>(
  local: readonly T[],
  remote: readonly T[],
): Sourced<T>[] {
  const winners = new Map<string, Sourced<T>>();
  for (const record of local) {
    const held = winners.get(record.id);
    if (!held || record.revision > held.record.revision)
      winners.set(record.id, { record, source: 'local' });
  }
  for (const record of remote) {
    const held = winners.get(record.id);
    if (!held || record.revision > held.record.revision)
      winners.set(record.id, { record, source: 'remote' });
  }
  const live = [...winners.values()].filter((entry) => !entry.record.deleted);
  // Ids are time-ordered ULIDs: sorting by id is sorting by creation, and deterministic.
  return live.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}
