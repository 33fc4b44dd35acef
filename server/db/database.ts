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

/**
 * PostgreSQL NOTIFY/LISTEN, scoped to one database and schema: how several endpoint
 * instances hear each other's changes. Only the PostgreSQL driver offers it; the embedded
 * database runs in one process, where an in-memory bus does the same.
 */
export interface Notifications {
  /** Delivers `payload` (at most 7,999 bytes) to every session listening on `channel`. */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Listens on `channel` over a connection of its own (a pooled one would lose the
   * subscription when returned). A lost connection is re-established and listened on again;
   * notifications sent while it was down are not replayed.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
  ): Promise<{ close(): Promise<void> }>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Present on PostgreSQL only. */
  readonly notifications?: Notifications;
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
