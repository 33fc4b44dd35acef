/**
 * The one Dexie database of Flagpost. It is opened by the background service worker and by
 * extension pages only: in a content script IndexedDB belongs to the web page's origin, so
 * content scripts ask the background through messages instead (the linter forbids the
 * import there).
 */
import Dexie, { type Table } from 'dexie';
import type { Creator, Flag, ItemRef, Note } from '@/lib/shared/protocol/records';
import type { EscalationRow } from './escalation-row';
import { LATEST_VERSION, SCHEMA_VERSIONS } from './schema';

export const DB_NAME = 'flagpost';

/** An item as last seen on a page, keyed by `platform:itemId`. */
export interface StoredItem extends ItemRef {
  key: string;
  creatorKey: string;
  description?: string;
  lastSeenAt: string;
}

/**
 * Where a record stands with the governance endpoint. `pending`: in the outbox;
 * `synced`: the endpoint holds this revision; `stale`: it holds a newer one; `rejected`:
 * it refused this revision (`syncError` says why) and waits for the reviewer to fix or
 * discard it; `discarded`: the reviewer chose to keep it local only.
 */
export type SyncState = 'pending' | 'synced' | 'stale' | 'rejected' | 'discarded';

export interface SyncFields {
  syncState: SyncState;
  syncError?: string;
  syncedRevision?: number;
  /**
   * With `rejected`: the endpoint did not refuse this revision but failed on it (5xx) each
   * time it was sent alone, while it answered other requests; it was set aside so that the
   * records behind it could go (lib/background/sync/quarantine.ts). Kept, shown with
   * `syncError`, exported like any record; retry or discard as for a rejection.
   */
  quarantined?: true;
}

/** A record as the UI sees it: the stored record joined with its sync state. */
export type WithSync<T> = T & SyncFields;

/**
 * A record's sync state, in its own small table (schema v5) keyed like the outbox
 * (`type:id`): marking 500 delivered records rewrites 500 small rows with 2 index entries
 * each instead of 500 flags with 11. Written in the same transaction as every write of the
 * record, so `revision` is always the record's current revision (lib/background/store/sync-states.ts).
 */
export interface SyncStateRow extends SyncFields {
  key: string;
  type: 'flag' | 'note';
  id: string;
  /** The record's creation time (immutable): the side panel's sync filter pages by it. */
  createdAt: string;
  revision: number;
}

/** A flag with the keys it is indexed by ('' when the item has no known creator). */
export interface StoredFlag extends Flag {
  itemKey: string;
  creatorKey: string;
}

/** A note with the key of what it is about: an item key or a creator key. */
export interface StoredNote extends Note {
  targetKey: string;
  creatorKey: string;
}

/** A record waiting for delivery; the record itself is read fresh when its batch is sent. */
export interface OutboxEntry {
  key: string;
  type: 'flag' | 'note';
  id: string;
  enqueuedAt: string;
  /**
   * Sync runs in which this revision failed alone on the endpoint (5xx) while the endpoint
   * answered an empty batch; at QUARANTINE_AFTER it is quarantined. A new revision starts
   * again from 0.
   */
  attempts: number;
  /** The endpoint's answer the last time it failed on this record alone. */
  lastError?: string;
}

/** Confirm and dismiss decisions on one rule's findings, for its measured precision. */
export interface RuleStatsRow {
  /** `policyId:ruleId` */
  ruleKey: string;
  policyId: string;
  ruleId: string;
  confirmed: number;
  dismissed: number;
  updatedAt: string;
}

/** What the governance endpoint knew about a creator when last asked. */
export interface CreatorHistoryRow {
  creatorKey: string;
  fetchedAt: string;
  /** The endpoint's creator history, as validated by lib/shared/protocol/history.ts. */
  history: unknown;
}

/** A snapshot of what the reviewer saw, stored once per distinct image (by its SHA-256). */
export interface EvidenceRow {
  sha256: string;
  createdAt: string;
  mimeType: string;
  bytes: Blob;
  size: number;
}

/** Enough to undo the last bulk action: the records as they were before it. */
export interface UndoRow {
  id: string;
  createdAt: string;
  action: string;
  reason: string;
  before: unknown[];
}

/**
 * One count of live flags (lib/background/store/flag-counters.ts): `key` is the dimension and its
 * values, e.g. `['policy-hour', '2026-11-22T13', 'off-platform']`; `dimension` is `key[0]`,
 * indexed with the count for "most flagged creators".
 */
export interface FlagCounterRow {
  key: string[];
  dimension: string;
  count: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface SecretRow {
  name: string;
  value: string;
}

export interface StoredCreator extends Creator {
  key: string;
  lastSeenAt: string;
}

export class FlagpostDb extends Dexie {
  items!: Table<StoredItem, string>;
  flags!: Table<StoredFlag, string>;
  notes!: Table<StoredNote, string>;
  creators!: Table<StoredCreator, string>;
  outbox!: Table<OutboxEntry, string>;
  meta!: Table<MetaRow, string>;
  secrets!: Table<SecretRow, string>;
  ruleStats!: Table<RuleStatsRow, string>;
  creatorHistory!: Table<CreatorHistoryRow, string>;
  evidence!: Table<EvidenceRow, string>;
  undo!: Table<UndoRow, string>;
  flagCounters!: Table<FlagCounterRow, string[]>;
  syncStates!: Table<SyncStateRow, string>;
  escalations!: Table<EscalationRow, string>;

  /** `upTo` exists for migration tests: open the database as an older release would. */
  constructor(name: string = DB_NAME, upTo: number = LATEST_VERSION) {
    // Strict durability: a flag the reviewer saw saved must survive the browser dying a
    // moment later. Reviewers write at human speed, so the cost is invisible.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const schema of SCHEMA_VERSIONS) {
      if (schema.version > upTo) break;
      const version = this.version(schema.version).stores(schema.stores);
      if (schema.upgrade) version.upgrade(schema.upgrade);
    }
  }
}

/** Why the database could not be opened, in words a reviewer can act on. */
export function describeOpenError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const inner =
    error instanceof Dexie.DexieError && error.inner instanceof Error ? error.inner : undefined;
  const detail = (inner ?? (error instanceof Error ? error : undefined))?.message ?? String(error);
  if (name === 'VersionError' || inner?.name === 'VersionError')
    return `The database was written by a newer version of Flagpost (${detail}). Update Flagpost.`;
  if (name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError')
    return `The browser refused storage space (${detail}). Free disk space and reload.`;
  return detail;
}

/**
 * How the opened IndexedDB database differs from what this release declares: missing
 * tables, another primary key, missing indexes. Dexie 4 opens a database that a newer
 * release changed without complaint; queries would then fail one by one, obscurely.
 */
export function schemaProblems(db: Dexie): string[] {
  const idb = db.backendDB();
  const present = [...idb.objectStoreNames];
  const problems: string[] = [];
  const names = db.tables.map((table) => table.name).filter((name) => present.includes(name));
  for (const table of db.tables)
    if (!present.includes(table.name)) problems.push(`table ${table.name} is missing`);
  if (names.length === 0) return problems;
  const tx = idb.transaction(names, 'readonly');
  for (const name of names) {
    const store = tx.objectStore(name);
    const table = db.table(name);
    const wanted = table.schema.primKey.keyPath ?? null;
    if (JSON.stringify(store.keyPath) !== JSON.stringify(wanted))
      problems.push(
        `table ${name} has key ${JSON.stringify(store.keyPath)}, not ${JSON.stringify(wanted)}`,
      );
    for (const index of table.schema.indexes)
      if (!store.indexNames.contains(index.name))
        problems.push(`index ${name}.${index.name} is missing`);
  }
  return problems;
}
