/**
 * Writes a setting into Flagpost's trusted store (lib/background/settings/trusted-store.ts)
 * from the service worker, as the popup and options page do: the extension's own IndexedDB
 * database, then an announcement on its change channel, which the background turns into a
 * `setup-changed` command for the content scripts. No page and no content script can do
 * this; automation can, because it drives the extension's own worker.
 */
import type { Worker } from '@playwright/test';
import {
  TRUSTED_CHANGES_CHANNEL,
  TRUSTED_DB_NAME,
  TRUSTED_STORE_NAME,
} from '../../../lib/shared/settings/local-keys';

const NAMES = { db: TRUSTED_DB_NAME, store: TRUSTED_STORE_NAME, channel: TRUSTED_CHANGES_CHANNEL };

/**
 * Sets `key` in the trusted store: to `value`, or with `merge`, to the stored object with
 * `value`'s fields laid over it (the other settings are kept).
 */
function writeTrusted(worker: Worker, key: string, value: unknown, merge: boolean): Promise<void> {
  return worker.evaluate(
    async ({ names, key, value, merge }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(names.db, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(names.store);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(names.store, 'readwrite');
      const store = tx.objectStore(names.store);
      const current = await new Promise<unknown>((resolve, reject) => {
        const get = store.get(key);
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      const base = merge && typeof current === 'object' && current !== null ? current : {};
      store.put(merge ? { ...base, ...(value as object) } : value, key);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      const channel = new BroadcastChannel(names.channel);
      channel.postMessage({ keys: [key] });
      channel.close();
    },
    { names: NAMES, key, value, merge },
  );
}

export const setTrusted = (worker: Worker, key: string, value: unknown) =>
  writeTrusted(worker, key, value, false);

export const mergeTrusted = (worker: Worker, key: string, fields: Record<string, unknown>) =>
  writeTrusted(worker, key, fields, true);
