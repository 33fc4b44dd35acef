/**
 * The reviewer's settings, site switches, adapters and the automation switch, in the
 * extension's own IndexedDB database: extension pages and the service worker reach it,
 * content scripts do not (in a content script IndexedDB belongs to the page's origin).
 * Content scripts get only what the background hands them in `page.setup`.
 *
 * Changes are announced on a BroadcastChannel of the extension's origin (other extension
 * pages, the service worker), and to listeners in the writing context directly (a channel
 * does not deliver to the object that posted). The background turns them into a
 * `setup-changed` tab command for content scripts (entrypoints/background/setup-notices.ts).
 *
 * The first open moves what older versions kept in storage.local, once, then removes it
 * there; the automation switch is never moved (a content script could have written it).
 */
import { browser } from 'wxt/browser';
import {
  MIGRATED_FROM_LOCAL,
  OPEN_OVERLAY_FOR_AUTOMATION_KEY,
  TRUSTED_CHANGES_CHANNEL,
  TRUSTED_DB_NAME,
  TRUSTED_STORE_NAME,
} from '@/lib/shared/settings/local-keys';

const MIGRATED_MARK = 'migratedFromStorageLocal';

let opened: Promise<IDBDatabase> | undefined;

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

function openDb(): Promise<IDBDatabase> {
  const request = indexedDB.open(TRUSTED_DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(TRUSTED_STORE_NAME);
  return done(request);
}

async function rawGet(db: IDBDatabase, key: string): Promise<unknown> {
  return done(db.transaction(TRUSTED_STORE_NAME).objectStore(TRUSTED_STORE_NAME).get(key));
}

async function rawPut(db: IDBDatabase, entries: Record<string, unknown>): Promise<void> {
  const tx = db.transaction(TRUSTED_STORE_NAME, 'readwrite');
  const store = tx.objectStore(TRUSTED_STORE_NAME);
  for (const [key, value] of Object.entries(entries))
    if (value === undefined) store.delete(key);
    else store.put(value, key);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
}

/** Moves the old storage.local settings here once (values already here win). */
async function migrate(db: IDBDatabase): Promise<void> {
  if ((await rawGet(db, MIGRATED_MARK)) === true) return;
  const local = browser.storage?.local;
  const old = local ? await local.get([...MIGRATED_FROM_LOCAL]) : {};
  const moved: Record<string, unknown> = { [MIGRATED_MARK]: true };
  for (const key of MIGRATED_FROM_LOCAL)
    if (old[key] !== undefined && (await rawGet(db, key)) === undefined) moved[key] = old[key];
  await rawPut(db, moved);
  await local?.remove([...MIGRATED_FROM_LOCAL, OPEN_OVERLAY_FOR_AUTOMATION_KEY]);
}

function database(): Promise<IDBDatabase> {
  opened ??= openDb().then(async (db) => {
    await migrate(db);
    return db;
  });
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

export async function readTrusted(key: string): Promise<unknown> {
  return rawGet(await database(), key);
}

type ChangeListener = (keys: string[]) => void;
const listeners = new Set<ChangeListener>();
let channel: BroadcastChannel | undefined;

/** Writes (undefined removes) and announces the change to every trusted context. */
export async function writeTrusted(entries: Record<string, unknown>): Promise<void> {
  await rawPut(await database(), entries);
  const keys = Object.keys(entries);
  for (const listener of listeners) listener(keys);
  channel ??= new BroadcastChannel(TRUSTED_CHANGES_CHANNEL);
  channel.postMessage({ keys });
}

/** Calls `listener` with the keys changed, from this context or any other trusted one. */
export function onTrustedChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  const incoming = new BroadcastChannel(TRUSTED_CHANGES_CHANNEL);
  incoming.onmessage = (event: MessageEvent<{ keys?: unknown }>) => {
    const keys = event.data?.keys;
    if (Array.isArray(keys)) listener(keys.filter((k): k is string => typeof k === 'string'));
  };
  return () => {
    listeners.delete(listener);
    incoming.close();
  };
}
