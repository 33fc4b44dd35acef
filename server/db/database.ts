/**
 * The one storage interface the endpoint codes against. The embedded database (PGlite) and
 * PostgreSQL both speak the same SQL, so routes and migrations never know which one runs.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  /** One statement with `$1`-style parameters. Row types are the caller's declaration. */
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;
  /** A multi-statement script without parameters (migrations need it; `query` is one statement). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | {
      kind: 'pglite' /** A directory, or `'memory'` for a throwaway in-memory database. */;
      dataDir: string;
    }
  | {
      kind: 'postgres';
      url: string;
      /** A schema to create and use instead of `public` (tests use a fresh one per run). */
      schema?: string;
      poolSize?: number;
    };

/** Opens the database the options name. Drivers load lazily: PGlite's WASM is not free. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const { openPostgres } = await import('./postgres');
    return openPostgres(options);
  }
  const { openPglite } = await import('./pglite');
  return openPglite(options.dataDir);
}
