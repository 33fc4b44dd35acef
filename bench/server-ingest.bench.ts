/**
 * `npm run bench server`: governance endpoint ingest through real HTTP on 127.0.0.1, in
 * flags per second, for 10,000 flags sent in 500-record batches, read against the same
 * flags sent one request each (the baseline a client without batching would get). Runs on
 * the embedded database, and on PostgreSQL too when DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchItem, BatchResponse } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';
import { MAX_BATCH_ITEMS } from '@/lib/shared/protocol/limits';
import type { Flag } from '@/lib/shared/protocol/records';
import { issueToken, startServer } from '@/server/app';
import { type DatabaseOptions, openDatabase } from '@/server/db/database';
import type { Bench, Figure } from './harness';

const FLAGS = 10_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

function flags(count: number): BatchItem[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const record: Flag = {
      id: newUlid(),
      revision: 1,
      reviewer: 'bench',
      createdAt: at,
      updatedAt: at,
      deleted: false,
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
      policyVersion: '2026.11',
      ruleId: 'whatsapp-handle',
      severity: SEVERITIES[i % 4] ?? 'high',
      source: 'auto',
      status: 'suggested',
      evidence: [{ field: 'title', start: 29, end: 37, text: 'WhatsApp' }],
      note: '',
    };
    return { type: 'flag', record };
  });
}

async function send(url: string, token: string, records: BatchItem[]): Promise<void> {
  const response = await fetch(`${url}/v1/batches`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  const body = (await response.json()) as BatchResponse;
  if (response.status !== 200 || body.counts.created !== records.length) {
    throw new Error(`ingest failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

async function flagsPerSecond(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return FLAGS / ((performance.now() - started) / 1000);
}

async function measure(name: string, options: DatabaseOptions): Promise<Figure> {
  const db = await openDatabase(options);
  const server = await startServer({ database: db, rateLimit: false, logger: false });
  try {
    const { token } = await issueToken(db, 'bench');
    await send(server.url, token, flags(50)); // Warm up connections, JIT and the database.
    const batched = flags(FLAGS);
    const batchRate = await flagsPerSecond(async () => {
      for (let i = 0; i < batched.length; i += MAX_BATCH_ITEMS) {
        await send(server.url, token, batched.slice(i, i + MAX_BATCH_ITEMS));
      }
    });
    const single = flags(FLAGS);
    const singleRate = await flagsPerSecond(async () => {
      for (const item of single) await send(server.url, token, [item]);
    });
    return {
      name: `server ingest, ${FLAGS} flags in ${MAX_BATCH_ITEMS}-record batches (${name})`,
      value: batchRate,
      unit: 'flags/s',
      baseline: { name: 'one request per flag', value: singleRate },
      higherIsBetter: true,
      goal: { ratio: 10, text: 'batches at least 10x the per-flag rate' },
      note: 'sequential requests over keep-alive HTTP on 127.0.0.1; rate limit and logs off',
    };
  } finally {
    await server.close();
    await db.close();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}

const bench: Bench = {
  name: 'Governance endpoint ingest',
  async run() {
    // On disk, as `npm run server` runs it by default.
    const dataDir = mkdtempSync(join(tmpdir(), 'flagpost-bench-'));
    const figures: Figure[] = [];
    try {
      const database = { kind: 'pglite', dataDir: join(dataDir, 'db') } as const;
      figures.push(await measure('embedded PGlite on disk', database));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    const url = process.env.DATABASE_URL;
    if (url) {
      const schema = `flagpost_bench_${randomBytes(4).toString('hex')}`;
      try {
        figures.push(await measure('PostgreSQL', { kind: 'postgres', url, schema }));
      } finally {
        await dropSchema(url, schema);
      }
    } else {
      console.log('  PostgreSQL variant skipped: DATABASE_URL is unset.');
    }
    return figures;
  },
};

export default bench;
