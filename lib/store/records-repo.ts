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

/** The next revision of a record, queued for delivery (its previous sync error is moot). */
export function pendingRevision<
  T extends RevisionedRecord & { syncState: string; syncError?: string },
>(record: T, patch: Partial<T>, now: string): T {
  const { syncError: _resolved, ...rest } = record;
  return {
    ...(rest as T),
    ...patch,
    revision: record.revision + 1,
    updatedAt: now,
    syncState: 'pending',
  };
}

export class RecordNotFoundError extends Error {
  constructor(kind: string, id: string) {
    super(`No ${kind} with id ${id}`);
    this.name = 'RecordNotFoundError';
  }
}
