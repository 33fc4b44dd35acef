/** PostgreSQL through a `pg` pool, for real deployments (selected by DATABASE_URL). */
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database';
import { pgNotifications } from './pg-listen';

type PgQueryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

function queryableOf(target: PgQueryable): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which runs several statements.
      await target.query(script);
    },
  };
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function openPostgres(options: {
  url: string;
  schema?: string;
  poolSize?: number;
}): Promise<Database> {
  const schema = options.schema;
  if (schema) {
    // Create the schema before the pool pins search_path to it on every connection.
    const setup = new pg.Client({ connectionString: options.url });
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${quoteIdentifier(schema)}`);
    } finally {
      await setup.end();
    }
  }
  const clientConfig: pg.ClientConfig = {
    connectionString: options.url,
    ...(schema ? { options: `-c search_path=${quoteIdentifier(schema)}` } : {}),
  };
  const pool = new pg.Pool({ ...clientConfig, max: options.poolSize ?? 10 });
  // An idle client losing its server connection must not crash the process.
  pool.on('error', () => {});
  await pool.query('select 1');
  const base = queryableOf(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(queryableOf(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: base.exec,
    notifications: pgNotifications(base, clientConfig, schema),
    close: () => pool.end(),
  };
}
