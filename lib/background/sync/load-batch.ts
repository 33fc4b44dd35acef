/**
 * Reads the current state of each queued record and turns it into wire format. A record
 * that no longer exists leaves the queue; one that fails the wire schema (a corrupt store)
 * is reported so it can be shown to the reviewer, not sent.
 */

import type { FlagpostDb, OutboxEntry } from '@/lib/background/store/db';
import { type BatchItem, batchItemSchema } from '@/lib/shared/protocol/batch';
import { readByIds } from './read-records';

export interface LoadedBatch {
  items: BatchItem[];
  invalid: { type: OutboxEntry['type']; id: string; reason: string }[];
}

export async function loadBatchItems(
  db: FlagpostDb,
  entries: readonly OutboxEntry[],
): Promise<LoadedBatch> {
  const flagIds = entries.filter((e) => e.type === 'flag').map((e) => e.id);
  const noteIds = entries.filter((e) => e.type === 'note').map((e) => e.id);
  const [flags, notes] = await Promise.all([
    readByIds(db.flags, flagIds),
    readByIds(db.notes, noteIds),
  ]);
  const byKey = new Map<string, unknown>();
  for (const flag of flags.values()) byKey.set(`flag:${flag.id}`, flag);
  for (const note of notes.values()) byKey.set(`note:${note.id}`, note);

  const items: BatchItem[] = [];
  const invalid: LoadedBatch['invalid'] = [];
  const gone: string[] = [];
  for (const entry of entries) {
    const record = byKey.get(entry.key);
    if (!record) {
      gone.push(entry.key);
      continue;
    }
    // Zod drops the local-only fields (index keys, sync state) on the way out.
    const parsed = batchItemSchema.safeParse({ type: entry.type, record });
    if (parsed.success) items.push(parsed.data);
    else
      invalid.push({
        type: entry.type,
        id: entry.id,
        reason: `Stored record is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      });
  }
  if (gone.length) await db.outbox.bulkDelete(gone);
  return { items, invalid };
}
