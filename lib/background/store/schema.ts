/**
 * Every schema version of the Flagpost database, oldest first. Dexie's rule: a version that
 * has an upgrade() is never deleted, and a new version is appended, never edited in place,
 * so that any profile, however old, opens at the newest. tests/unit/store/migrations.test.ts
 * opens each version, writes to it, reopens at the newest and checks nothing was lost.
 */
import type { Transaction } from 'dexie';
import { rebuildFlagCounters } from './flag-counters';
import { moveSyncFields } from './sync-migration';

export interface SchemaVersion {
  version: number;
  /** Only primary keys and indexes: Dexie stores every other property as is. */
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
  /** What changed and why, for the reader of the next migration. */
  why: string;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    why: 'Items seen on pages, reviewers flags and notes, and the creators they concern.',
    stores: {
      items: 'key, platform, creatorKey, lastSeenAt',
      flags: 'id, itemKey, creatorKey, policyId, status, updatedAt',
      notes: 'id, targetKey, creatorKey, updatedAt',
      creators: 'key, platform, handle',
    },
  },
  {
    version: 2,
    why:
      "Bulk sync: an outbox written in the same transaction as the record, each record's " +
      'sync state (indexed so the popup can count failures), sync bookkeeping, and the ' +
      'endpoint token, kept here because content scripts can read storage.local but never ' +
      "the extension origin's IndexedDB.",
    stores: {
      flags: 'id, itemKey, creatorKey, policyId, status, updatedAt, syncState',
      notes: 'id, targetKey, creatorKey, updatedAt, syncState',
      outbox: 'key, enqueuedAt',
      meta: 'key',
      secrets: 'name',
    },
    // Records from before sync existed have never been delivered: queue every one of them.
    async upgrade(tx) {
      const now = new Date().toISOString();
      for (const type of ['flag', 'note'] as const) {
        const table = tx.table(`${type}s`);
        await table.toCollection().modify((record: { syncState?: string }) => {
          record.syncState = 'pending';
        });
        const ids = (await table.toCollection().primaryKeys()) as string[];
        await tx
          .table('outbox')
          .bulkPut(
            ids.map((id) => ({ key: `${type}:${id}`, type, id, enqueuedAt: now, attempts: 0 })),
          );
      }
    },
  },
  {
    version: 3,
    why:
      'Creator risk and the reviewer workspace: indexes for the queue and dashboard filters ' +
      '(creation time, per-policy and per-market timelines), per-rule confirm/dismiss ' +
      'counts for precision, cached remote creator history, content-addressed evidence ' +
      'snapshots, and the undo record of the last bulk action.',
    stores: {
      flags:
        'id, itemKey, creatorKey, policyId, status, updatedAt, syncState, createdAt, ' +
        '[policyId+createdAt], [status+createdAt], item.market, severity',
      notes: 'id, targetKey, creatorKey, updatedAt, syncState, createdAt',
      ruleStats: 'ruleKey, policyId',
      creatorHistory: 'creatorKey, fetchedAt',
      evidence: 'sha256, createdAt',
      undo: 'id, createdAt',
    },
  },
  {
    version: 4,
    why:
      'Dashboard counters: counts of live flags per status, policy, severity, market, ' +
      'creator, standing rule decision, and per UTC hour and day (in all, per policy, per ' +
      'status), moved in the same transaction as every flag write. Counting index ranges ' +
      'walks them: with 100,000 flags the dashboard was slower than reading every flag.',
    stores: {
      flagCounters: 'key, [dimension+count]',
    },
    // Counted from the flags already stored, in the upgrade transaction: a profile that
    // opens at v4 never sees empty counters beside existing flags.
    async upgrade(tx) {
      await rebuildFlagCounters(tx.table('flags'), tx.table('flagCounters'));
    },
  },
  {
    version: 5,
    why:
      "Each record's sync state in its own small table, keyed like the outbox: marking a " +
      'delivered batch rewrote every flag with its 11 index entries (150-200 ms per 500 ' +
      'records in Chromium, the largest cost of a sync; BENCHMARKS.md, "Sync"). The ' +
      "records lose their sync fields and the syncState index; the new table's indexes " +
      "count failures and page the side panel's sync filter newest first.",
    stores: {
      flags:
        'id, itemKey, creatorKey, policyId, status, updatedAt, createdAt, ' +
        '[policyId+createdAt], [status+createdAt], item.market, severity',
      notes: 'id, targetKey, creatorKey, updatedAt, createdAt',
      syncStates: 'key, syncState, [type+syncState+createdAt]',
    },
    // Moved in the upgrade transaction: no profile opens at v5 with a sync state lost.
    async upgrade(tx) {
      for (const type of ['flag', 'note'] as const)
        await moveSyncFields(type, tx.table(`${type}s`), tx.table('syncStates'));
    },
  },
  {
    version: 6,
    why:
      'Escalations (issue 16): an emergency case written in the same transaction as its ' +
      'flag and sent in its own lane, ahead of the outbox. Indexed by lane state (the lane ' +
      'reads what is still queued, the popup counts undelivered ones) and by flag (the card ' +
      'and side panel show the receipts of a flag).',
    stores: {
      escalations: 'id, flagId, lane, createdAt',
    },
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS.at(-1)?.version ?? 1;
