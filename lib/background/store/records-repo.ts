/**
 * Revision bookkeeping shared by flags and notes: every edit and every deletion makes the
 * next revision, so the governance endpoint can tell new from stale and deletions sync as
 * tombstones instead of vanishing.
 */
export interface RevisionedRecord {
  id: string;
  revision: number;
  updatedAt: string;
  deleted: boolean;
}

/**
 * The next revision of a record. The caller queues it (lib/background/store/sync-states.ts,
 * `queueRecords`) in the same transaction as it writes it.
 */
export function nextRevision<T extends RevisionedRecord>(
  record: T,
  patch: NoInfer<Partial<T>>,
  now: string,
): T {
  return { ...record, ...patch, revision: record.revision + 1, updatedAt: now };
}

export class RecordNotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} with id ${id}`);
    this.name = 'RecordNotFoundError';
  }
}
