/**
 * Seeds ordinary flags straight into the extension's IndexedDB, in bulk, as `flag.create`
 * leaves them: the flag, its sync state (`pending`) and its outbox entry, in one
 * transaction per chunk. Ten thousand take a second or two this way instead of minutes of
 * messages. Evaluated in an extension page (Playwright serialises it): it closes over nothing.
 */
export async function seedQueuedFlags(args: {
  count: number;
  reviewer: string;
  /** Item ids are `${prefix}${n}`, so two seedings do not collide. */
  prefix: string;
}): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const ulid = (time: number, n: number) => {
    let head = '';
    for (let t = time, i = 0; i < 10; i++, t = Math.floor(t / 32)) head = ALPHABET[t % 32] + head;
    let tail = '';
    const random = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 16; i++) tail += ALPHABET[random[i]! % 32];
    // The last characters carry the sequence number, so ids are unique within a millisecond.
    let seq = '';
    for (let m = n, i = 0; i < 5; i++, m = Math.floor(m / 32)) seq = ALPHABET[m % 32] + seq;
    return head + tail.slice(0, 11) + seq;
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const ids: string[] = [];
  const now = Date.now();
  const CHUNK = 2_000;
  for (let from = 0; from < args.count; from += CHUNK) {
    const tx = db.transaction(['flags', 'syncStates', 'outbox'], 'readwrite', {
      durability: 'strict',
    });
    const flags = tx.objectStore('flags');
    const states = tx.objectStore('syncStates');
    const outbox = tx.objectStore('outbox');
    for (let n = from; n < Math.min(args.count, from + CHUNK); n++) {
      const id = ulid(now, n);
      const at = new Date(now + n).toISOString();
      const creatorId = `seed-creator-${n % 200}`;
      const itemId = `${args.prefix}${n}`;
      ids.push(id);
      flags.put({
        id,
        revision: 1,
        reviewer: args.reviewer,
        createdAt: at,
        updatedAt: at,
        deleted: false,
        item: {
          platform: 'shopvid',
          kind: 'video',
          itemId,
          url: `https://shopvid.example/v/${itemId}`,
          creatorId,
        },
        policyId: 'off-platform-diversion',
        policyVersion: 'manual-1',
        severity: 'medium',
        source: 'manual',
        status: 'confirmed',
        evidence: [],
        note: '',
        itemKey: `shopvid:${itemId}`,
        creatorKey: `shopvid:${creatorId}`,
      });
      states.put({
        key: `flag:${id}`,
        type: 'flag',
        id,
        createdAt: at,
        revision: 1,
        syncState: 'pending',
      });
      outbox.put({ key: `flag:${id}`, type: 'flag', id, enqueuedAt: at, attempts: 0 });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
  db.close();
  return { ids, ms: performance.now() - started };
}
