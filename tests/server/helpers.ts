/**
 * Shared by the server tests: the storage backends to run against, record builders and a
 * small HTTP client. Tests talk to a real server over real HTTP on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import type { BatchItem, BatchResponse } from '@/lib/shared/protocol/batch';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { Flag, Note } from '@/lib/shared/protocol/records';
import { type Database, openDatabase } from '@/server/db/database';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Why this backend is skipped, or undefined when it runs. */
  skipReason?: string;
  /** A fresh, empty database, and how to throw it away. */
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

const databaseUrl = process.env.DATABASE_URL;

export const pgliteBackend: Backend = {
  name: 'pglite',
  async open() {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
    return { db, dispose: () => db.close() };
  },
};

/** A fresh schema per test run, so reruns and parallel files never see old rows. */
export const freshSchemaName = () => `flagpost_test_${randomBytes(6).toString('hex')}`;

export async function dropSchema(url: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export const postgresBackend: Backend = {
  name: 'postgres',
  skipReason: databaseUrl
    ? undefined
    : 'DATABASE_URL is unset: the PostgreSQL variant is skipped (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).',
  async open() {
    const url = databaseUrl ?? '';
    const schema = freshSchemaName();
    const db = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 });
    return {
      db,
      async dispose() {
        await db.close();
        await dropSchema(url, schema);
      },
    };
  },
};

export const backends: Backend[] = [pgliteBackend, postgresBackend];

/** describe.each over the backends, with a printed reason for each skipped one. */
export function forEachBackend(fn: (backend: Backend) => void, describe: DescribeLike): void {
  for (const backend of backends) {
    if (backend.skipReason) {
      console.info(`[server tests] ${backend.name}: ${backend.skipReason}`);
      describe.skip(`${backend.name} (skipped: ${backend.skipReason})`, () => {});
    } else {
      describe(backend.name, () => fn(backend));
    }
  }
}

type DescribeLike = ((name: string, fn: () => void) => void) & {
  skip: (name: string, fn: () => void) => void;
};

const now = '2026-11-01T08:00:00.000Z';

export function makeFlag(overrides: Partial<Flag> = {}): Flag {
  return {
    id: newUlid(),
    revision: 1,
    reviewer: 'alice',
    createdAt: now,
    updatedAt: now,
    deleted: false,
    item: {
      platform: 'shopvid',
      kind: 'video',
      itemId: `v-${newUlid()}`,
      url: 'https://shopvid.example/v/1',
      creatorId: 'creator-1',
    },
    policyId: 'off-platform',
    policyVersion: '2026.11',
    severity: 'high',
    source: 'manual',
    status: 'confirmed',
    evidence: [],
    note: '',
    ...overrides,
  };
}

export function makeNote(overrides: Partial<Note> = {}): Note {
  return {
    id: newUlid(),
    revision: 1,
    reviewer: 'alice',
    createdAt: now,
    updatedAt: now,
    deleted: false,
    target: {
      type: 'creator',
      creator: { platform: 'shopvid', creatorId: 'creator-1', handle: 'c1' },
    },
    text: 'Repeat offender: moves buyers to WhatsApp.',
    ...overrides,
  };
}

export const flagItem = (record: Flag): BatchItem => ({ type: 'flag', record });
export const noteItem = (record: Note): BatchItem => ({ type: 'note', record });

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

export const postBatch = (baseUrl: string, token: string, records: BatchItem[]) =>
  api<BatchResponse>(baseUrl, 'POST', '/v1/batches', { token, json: { records } });
