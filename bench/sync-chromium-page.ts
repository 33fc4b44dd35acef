/**
 * What bench/sync-chromium.bench.ts runs inside the extension's own pages. Each function is
 * serialised by Playwright and evaluated in the page, so it closes over nothing.
 */

type Runtime = { sendMessage(message: unknown): Promise<{ ok: boolean; data?: unknown }> };

/**
 * Records `count` flags the way a reviewer's page does: `flag.create` messages to the
 * background, which writes each flag and its outbox entry in one strict transaction.
 * A few messages in flight at a time, as several tabs would send them.
 */
export async function createFlagsByMessage(args: {
  from: number;
  count: number;
}): Promise<{ ms: number; ids: string[] }> {
  const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
  const severities = ['low', 'medium', 'high', 'critical'];
  const ids: string[] = [];
  let next = args.from;
  const end = args.from + args.count;
  const worker = async () => {
    for (let i = next++; i < end; i = next++) {
      const answer = await runtime.sendMessage({
        flagpost: 1,
        name: 'flag.create',
        request: {
          item: {
            platform: 'shopvid',
            kind: 'video',
            itemId: `v${i}`,
            url: `https://shopvid.example/v/${i}`,
            creatorId: `creator-${i % 500}`,
            title: 'Premium copy bag, DM to order on WhatsApp',
            market: 'TH',
          },
          policyId: 'off-platform',
          ruleId: 'whatsapp-handle',
          severity: severities[i % 4],
          source: 'auto',
          status: 'suggested',
          evidence: [{ field: 'title', start: 29, end: 37, text: 'WhatsApp' }],
        },
      });
      if (!answer.ok) throw new Error(`flag.create failed: ${JSON.stringify(answer)}`);
      ids.push((answer.data as { id: string }).id);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 4 }, worker));
  return { ms: performance.now() - started, ids };
}

/** The stored flags with these ids, as the extension holds them (local fields included). */
export async function readFlags(ids: string[]): Promise<unknown[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const store = db.transaction('flags').objectStore('flags');
  const flags = await Promise.all(
    ids.map(
      (id) =>
        new Promise<unknown>((resolve, reject) => {
          const req = store.get(id);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        }),
    ),
  );
  db.close();
  return flags;
}

/** Entries still in the extension's outbox. */
export async function outboxCount(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('flagpost');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const count = await new Promise<number>((resolve, reject) => {
    const req = db.transaction('outbox').objectStore('outbox').count();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return count;
}

/**
 * Takes the lock the background's sync runner runs under (Web Locks hold across the
 * extension's contexts) and keeps it until `timeSyncNow` lets go: whatever asks for a sync
 * meanwhile waits, so the timed run starts exactly when the lock is released.
 */
export async function holdSyncLock(): Promise<void> {
  await new Promise<void>((acquired) => {
    void navigator.locks.request('flagpost-sync', () => {
      acquired();
      return new Promise<void>((release) => {
        (globalThis as unknown as { releaseSyncLock: () => void }).releaseSyncLock = release;
      });
    });
  });
}

/**
 * "Sync now" as the popup sends it, then the held lock released: the background's run
 * starts. Asking for the lock again queues behind that run, so it is granted the moment
 * the run ends. Milliseconds from the request to the end of the run.
 */
export async function timeSyncNow(): Promise<number> {
  const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
  const started = performance.now();
  const answer = await runtime.sendMessage({ flagpost: 1, name: 'sync.now', request: {} });
  if (!answer.ok) throw new Error(`sync.now failed: ${JSON.stringify(answer)}`);
  (globalThis as unknown as { releaseSyncLock: () => void }).releaseSyncLock();
  await navigator.locks.request('flagpost-sync', () => undefined);
  return performance.now() - started;
}

/**
 * The baseline: what a client without an outbox would do, one `POST /v1/batches` per flag,
 * sequential, from this extension page (the endpoint's host permission is granted).
 */
export async function sendOneByOne(args: {
  url: string;
  token: string;
  items: unknown[];
}): Promise<number> {
  const started = performance.now();
  for (const item of args.items) {
    const response = await fetch(`${args.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${args.token}` },
      body: JSON.stringify({ records: [item] }),
    });
    const body = (await response.json()) as { counts?: { created?: number } };
    if (response.status !== 200 || body.counts?.created !== 1)
      throw new Error(`ingest failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return performance.now() - started;
}
