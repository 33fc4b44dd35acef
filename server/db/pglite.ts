/** The embedded database: PostgreSQL compiled to WASM, in a directory or in memory. */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { Database, Queryable, QueryResult } from './database';

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function queryableOf(target: PgliteQueryable): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      await target.exec(script);
    },
  };
}

export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory' || dataDir === 'memory://';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(inMemory ? undefined : dataDir);
  } catch (error) {
    unlock();
    throw error;
  }
  const base = queryableOf(pg);
  return {
    kind: 'pglite',
    query: base.query,
    // PGlite is a single connection: its transaction() also serialises concurrent callers.
    transaction: (fn) => pg.transaction((tx) => fn(queryableOf(tx))),
    exec: base.exec,
    close: async () => {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}
