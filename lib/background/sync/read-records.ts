/**
 * Bulk reads and deletes by key in as few IndexedDB requests as the keys allow. In Chromium
 * every request is a round trip to the browser process: 500 single-key gets take about
 * 40 ms and 500 deletes about 70 ms, while one range read of the same 500 records takes
 * about 9 ms and one range delete about 5 ms (BENCHMARKS.md, "Sync", in real Chromium). A
 * sync batch is the oldest part of the outbox, so its keys are usually neighbours.
 */
import type { Table } from 'dexie';

const byKey = (keys: Iterable<string>) => [...new Set(keys)].sort();

/** The records with these ids, by id (absent ones left out): see readByKeys. */
export function readByIds<T extends { id: string }>(
  table: Table<T, string>,
  ids: Iterable<string>,
): Promise<Map<string, T>> {
  return readByKeys(table, ids, (record) => record.id);
}

/**
 * The rows with these primary keys, by key (absent ones left out): one range read when the
 * keys are neighbours in the table, single-key reads for whatever the range did not cover.
 */
export async function readByKeys<T>(
  table: Table<T, string>,
  keys: Iterable<string>,
  keyOf: (row: T) => string,
): Promise<Map<string, T>> {
  const sorted = byKey(keys);
  const found = new Map<string, T>();
  const [first] = sorted;
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return found;
  const limit = sorted.length * 2;
  const wanted = new Set(sorted);
  const span = await table.where(':id').between(first, last, true, true).limit(limit).toArray();
  for (const row of span) if (wanted.has(keyOf(row))) found.set(keyOf(row), row);
  if (span.length < limit) return found; // the whole range was read: the rest do not exist
  const rest = sorted.filter((key) => !found.has(key));
  const more = await table.bulkGet(rest);
  for (const row of more) if (row) found.set(keyOf(row), row);
  return found;
}

/**
 * Deletes these primary keys: one range delete per run of neighbouring keys when the keys
 * come in a few runs, else one delete per key. Call inside a transaction on the table, so
 * that no key can appear between reading the runs and deleting them.
 */
export async function deleteKeys(table: Table<unknown, string>, keys: Iterable<string>) {
  const sorted = byKey(keys);
  const [first] = sorted;
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return;
  const limit = sorted.length * 2;
  const present = await table
    .where(':id')
    .between(first, last, true, true)
    .limit(limit)
    .primaryKeys();
  const doomed = new Set(sorted);
  const runs: [string, string][] = [];
  let run: [string, string] | undefined;
  for (const key of present) {
    if (!doomed.has(key)) run = undefined;
    else if (run) run[1] = key;
    else {
      run = [key, key];
      runs.push(run);
    }
  }
  // A range delete costs two requests (count, delete): worth it only for runs of several keys.
  if (present.length === limit || runs.length * 2 >= sorted.length) {
    await table.bulkDelete(sorted);
    return;
  }
  await Promise.all(
    runs.map(([from, to]) => table.where(':id').between(from, to, true, true).delete()),
  );
}
