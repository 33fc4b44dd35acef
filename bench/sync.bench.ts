/**
 * `npm run bench sync`: the extension's outbox delivering 10,000 flags end to end — real
 * FlagpostDb (on fake-indexeddb: the harness runs in Node), real runSync, real endpoint over
 * HTTP on 127.0.0.1 — in flags per second, read against the same 10,000 flags sent one
 * request per flag (what a client without an outbox would do) to a fresh database of the
 * same kind, in the same run. Embedded PGlite in memory always; PostgreSQL too when
 * DATABASE_URL is set.
 */
// Before anything touches Dexie: IndexedDB for Node.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import Dexie from 'dexie';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag } from '@/lib/background/store/flags-repo';
import { runSync } from '@/lib/background/sync/sync-engine';
import { type BatchItem, type BatchResponse, batchItemSchema } from '@/lib/shared/protocol/batch';
import type { ItemRef } from '@/lib/shared/protocol/records';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { type Database, type DatabaseOptions, openDatabase } from '@/server/db/database';
import type { Bench, Figure } from './harness';

const FLAGS = 10_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const clock = () => new Date().toISOString();
const author = { reviewer: 'bench', clock };

/** A fresh local store holding `count` flags, each queued in the outbox as a reviewer's are. */
async function storeWithFlags(count: number): Promise<{ db: FlagpostDb; createMs: number }> {
  const db = new FlagpostDb(`flagpost-bench-${randomBytes(4).toString('hex')}`);
  await db.open();
  const started = performance.now();
  // In chunks: each flag is its own transaction (flag + outbox entry), as in the extension.
  for (let start = 0; start < count; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - start) }, (_, j) => {
        const i = start + j;
        const item: ItemRef = {
          platform: 'shopvid',
          kind: 'video',
          itemId: `v${i}`,
          url: `https://shopvid.example/v/${i}`,
          creatorId: `creator-${i % 500}`,
          title: 'Premium copy bag, DM to order on WhatsApp',
          market: 'TH',
        };
        return createFlag(
          db,
          {
            item,
            policyId: 'off-platform',
            policyVersion: '2026.11',
            ruleId: 'whatsapp-handle',
            severity: SEVERITIES[i % 4] ?? 'high',
            source: 'auto',
            status: 'suggested',
            evidence: [{ field: 'title', start: 29, end: 37, text: 'WhatsApp' }],
          },
          author,
        );
      }),
    );
  }
  return { db, createMs: performance.now() - started };
}

async function dispose(db: FlagpostDb): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}

/** A running endpoint on a fresh database of the given kind, and how to throw both away. */
interface Endpoint {
  server: RunningServer;
  token: string;
  close(): Promise<void>;
}

async function freshEndpoint(kind: 'pglite' | 'postgres'): Promise<Endpoint> {
  const url = process.env.DATABASE_URL ?? '';
  const schema = `flagpost_bench_${randomBytes(4).toString('hex')}`;
  const options: DatabaseOptions =
    kind === 'pglite' ? { kind, dataDir: 'memory' } : { kind, url, schema };
  const db: Database = await openDatabase(options);
  const server = await startServer({ database: db, rateLimit: false, logger: false });
  const { token } = await issueToken(db, author.reviewer);
  return {
    server,
    token,
    async close() {
      await server.close();
      await db.close();
      if (kind === 'postgres') await dropSchema(url, schema);
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

async function syncAll(db: FlagpostDb, endpoint: Endpoint): Promise<void> {
  const result = await runSync({
    db,
    config: { endpointUrl: endpoint.server.url, token: endpoint.token },
    clock,
  });
  const queued = await db.outbox.count();
  if (result.outcome !== 'done' || result.rejected !== 0 || queued !== 0)
    throw new Error(`sync did not deliver everything: ${JSON.stringify(result)}, ${queued} left`);
}

async function sendOne(endpoint: Endpoint, item: BatchItem): Promise<void> {
  const response = await fetch(`${endpoint.server.url}/v1/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${endpoint.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ records: [item] }),
  });
  const body = (await response.json()) as BatchResponse;
  if (response.status !== 200 || body.counts.created !== 1)
    throw new Error(`ingest failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
}

async function measure(kind: 'pglite' | 'postgres', label: string): Promise<Figure[]> {
  // Warm-up on a throwaway endpoint: JIT, keep-alive connections, PGlite's WASM.
  {
    const endpoint = await freshEndpoint(kind);
    const { db } = await storeWithFlags(100);
    try {
      await syncAll(db, endpoint);
    } finally {
      await dispose(db);
      await endpoint.close();
    }
  }

  const { db, createMs } = await storeWithFlags(FLAGS);
  // The baseline sends the very same flags, in the wire form the outbox sends them in.
  const items = [...(await db.flags.toArray())]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((flag) => batchItemSchema.parse({ type: 'flag', record: flag }));
  let outboxMs: number;
  const outboxEndpoint = await freshEndpoint(kind);
  try {
    const started = performance.now();
    await syncAll(db, outboxEndpoint);
    outboxMs = performance.now() - started;
    const { rows } = await outboxEndpoint.server.db.query<{ n: number }>(
      'select count(*)::int as n from records',
    );
    if (Number(rows[0]?.n) !== FLAGS) throw new Error(`endpoint holds ${rows[0]?.n} records`);
  } finally {
    await dispose(db);
    await outboxEndpoint.close();
  }

  let singleMs: number;
  const singleEndpoint = await freshEndpoint(kind);
  try {
    const started = performance.now();
    for (const item of items) await sendOne(singleEndpoint, item);
    singleMs = performance.now() - started;
  } finally {
    await singleEndpoint.close();
  }

  const perSecond = (ms: number) => FLAGS / (ms / 1000);
  return [
    {
      name: `outbox sync, ${FLAGS} flags end to end (runSync, ${label})`,
      value: perSecond(outboxMs),
      unit: 'flags/s',
      baseline: {
        name: 'one request per flag, same flags, fresh database',
        value: perSecond(singleMs),
      },
      higherIsBetter: true,
      goal: { ratio: 20, text: 'at least 20x the per-flag rate' },
      note:
        `${(outboxMs / 1000).toFixed(1)} s vs ${(singleMs / 1000).toFixed(1)} s; client store on ` +
        'fake-indexeddb (read, send, mark synced in 500-record batches); sequential HTTP on 127.0.0.1',
    },
    {
      name: `create ${FLAGS} flags in the local store (not in the figure above)`,
      value: createMs,
      unit: 'ms',
      higherIsBetter: false,
      note: 'one transaction per flag (flag + outbox entry), fake-indexeddb',
    },
  ];
}

const bench: Bench = {
  name: 'Sync (extension outbox to endpoint)',
  async run() {
    const figures = await measure('pglite', 'embedded PGlite in memory');
    if (process.env.DATABASE_URL) figures.push(...(await measure('postgres', 'PostgreSQL')));
    else console.log('  PostgreSQL variant skipped: DATABASE_URL is unset.');
    return figures;
  },
};

export default bench;
