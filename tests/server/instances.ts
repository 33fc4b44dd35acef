/**
 * Several endpoint instances on one PostgreSQL database, as a load balancer would see
 * them: each its own server on its own port with its own connection pool, sharing nothing
 * but the database (and Redis when given). The scale-out tests use it.
 */
import { type RunningServer, type StartServerOptions, startServer } from '@/server/app';
import { type Database, openDatabase } from '@/server/db/database';
import { migrate } from '@/server/db/migrations';
import { dropSchema, freshSchemaName } from './helpers';

export const databaseUrl = process.env.DATABASE_URL;
export const SKIP_WITHOUT_POSTGRES = databaseUrl
  ? undefined
  : 'DATABASE_URL is unset: several instances need PostgreSQL (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).';

export interface Instances {
  servers: RunningServer[];
  /** A connection of the test's own, for setting up and checking rows. */
  admin: Database;
  close(): Promise<void>;
}

export async function openInstances(
  count: number,
  options: Omit<StartServerOptions, 'database'> = {},
): Promise<Instances> {
  const url = databaseUrl ?? '';
  const schema = freshSchemaName();
  const admin = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
  // Migrate once first: instances starting together would queue on the migration lock.
  await migrate(admin);
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      // Each instance owns its pool: closing the server closes it.
      servers.push(
        await startServer({ ...options, database: { kind: 'postgres', url, schema, poolSize: 4 } }),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    await admin.close();
    await dropSchema(url, schema);
    throw error;
  }
  return {
    servers,
    admin,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await admin.close();
      await dropSchema(url, schema);
    },
  };
}
