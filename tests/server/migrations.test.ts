import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@/server/db/database';
import { loadMigrations, migrate } from '@/server/db/migrations';
import { type Backend, forEachBackend } from './helpers';

forEachBackend((backend: Backend) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await backend.open());
  });
  afterAll(() => dispose?.());
  // One database per backend (PGlite takes seconds to start); each test gets an empty schema.
  beforeEach(async () => {
    const { rows } = await db.query<{ name: string }>('select current_schema() as name');
    const schema = `"${rows[0]?.name}"`;
    await db.exec(`drop schema ${schema} cascade; create schema ${schema};`);
  });

  const tables = async () =>
    (
      await db.query<{ name: string }>(
        `select table_name as name from information_schema.tables
          where table_schema = current_schema() order by table_name`,
      )
    ).rows.map((r) => r.name);

  it('applies the migrations in order, once, and records them', async () => {
    const ids = loadMigrations().map((m) => m.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toBe('001_records');
    expect(await migrate(db)).toEqual(ids);
    const recorded = await db.query<{ id: string }>(
      'select id from schema_migrations order by applied_at, id',
    );
    expect(recorded.rows.map((r) => r.id)).toEqual(ids);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'records',
        'record_revisions',
        'tokens',
        'policy_packs',
        'enforcement_actions',
        'schema_migrations',
      ]),
    );
    expect(await migrate(db)).toEqual([]);
  });

  it('applies only the new ones on an existing database', async () => {
    const all = loadMigrations();
    expect(await migrate(db, all.slice(0, 1))).toEqual(['001_records']);
    expect(await tables()).not.toContain('tokens');
    expect(await migrate(db, all)).toEqual(all.slice(1).map((m) => m.id));
    expect(await tables()).toContain('tokens');
  });

  it('leaves nothing behind when a migration fails', async () => {
    const broken = [
      ...loadMigrations(),
      { id: '999_broken', sql: 'create table half_done (id int); select no_such_function();' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await tables()).not.toContain('half_done');
    expect(await tables()).not.toContain('schema_migrations');
  });
}, describe);
