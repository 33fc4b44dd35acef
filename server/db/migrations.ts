/**
 * Schema migrations: `server/migrations/NNN_name.sql`, applied in file-name order, each in
 * the same transaction as its row in `schema_migrations`, so a failed migration leaves
 * nothing half-applied. The same files run on PGlite and PostgreSQL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

export interface Migration {
  id: string;
  sql: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
/** Any fixed number: it only has to be the same in every process migrating this database. */
const MIGRATION_LOCK_KEY = 727_001;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name) => ({
      id: name.replace(/\.sql$/, ''),
      sql: readFileSync(`${dir}/${name}`, 'utf8'),
    }));
}

/** Applies the migrations not yet applied; returns their ids. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    // Two servers starting at once on one PostgreSQL database must not both migrate.
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`create table if not exists schema_migrations (
      id text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = await tx.query<{ id: string }>('select id from schema_migrations');
    const applied = new Set(done.rows.map((row) => row.id));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      newlyApplied.push(migration.id);
    }
    return newlyApplied;
  });
}
