/**
 * The governance endpoint as a value: `startServer()` opens (or adopts) a database, runs
 * the migrations and listens; `close()` shuts down gracefully. `npm run server`, `npm start`
 * and the tests all start it this way.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateLimitOptions } from './auth/rate-limit';
import { consoleRoutes } from './console/routes';
import { sweepSessions } from './console/sessions';
import { type Database, type DatabaseOptions, openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { createCors } from './http/cors';
import { createPipeline } from './http/handler';
import { type Logger, silentLogger } from './http/log';
import { createRouter, type Route } from './http/router';
import { batchRoutes } from './routes/batches';
import { enforcementRoutes } from './routes/enforcement';
import { escalationRoutes } from './routes/escalations';
import { evidenceRoutes } from './routes/evidence';
import { historyRoutes } from './routes/history';
import { policyPackRoutes } from './routes/policy-pack';
import { serviceRoutes } from './routes/service';
import type { EventBus } from './shared-state/event-bus';
import { openSharedState } from './shared-state/shared-state';

export { issueToken, listTokens, revokeTokens } from './auth/tokens';
export type { Database } from './db/database';

export const routes: readonly Route[] = [
  ...batchRoutes,
  ...historyRoutes,
  ...policyPackRoutes,
  ...enforcementRoutes,
  ...evidenceRoutes,
  ...escalationRoutes,
  ...serviceRoutes,
  ...consoleRoutes,
];

export interface StartServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /**
   * A database to open (default: in-memory PGlite), or an open one to share: the server
   * then leaves it open on close, so several servers (or a test) can use one database.
   */
  database?: DatabaseOptions | Database;
  /** Per-token token bucket; false turns it off (the default for programmatic use). */
  rateLimit?: RateLimitOptions | false;
  /**
   * Failed authentications allowed per client address (a bucket: `burst` at once, refilled
   * at `perSecond`); beyond it, 429 before any token lookup. On by default: 20 at once,
   * then one every 6 s.
   */
  authFailureLimit?: RateLimitOptions | false;
  /** Extension origins allowed by CORS (`chrome-extension://<id>`); none by default. */
  extensionOrigins?: readonly string[];
  /** How long a request body may take to arrive before 408 (default 60 s). */
  bodyTimeoutMs?: number;
  /** JSON log lines go here; false (the default for programmatic use) drops them. */
  logger?: Logger | false;
  /** How long close() waits for in-flight requests before cutting connections. */
  shutdownTimeoutMs?: number;
  /**
   * `redis://...`: rate limits in Redis. Otherwise they live in PostgreSQL when the database
   * is PostgreSQL (shared by every instance), in memory on the embedded database.
   */
  redisUrl?: string;
  /** Prefix of the Redis keys (default `flagpost:`). */
  redisKeyPrefix?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  /** Live updates: every instance on the same PostgreSQL database hears every emit. */
  events: EventBus;
  close(): Promise<void>;
}

/** Failed authentications per client address: 20 at once, then one every 6 seconds. */
export const DEFAULT_AUTH_FAILURE_LIMIT: RateLimitOptions = { perSecond: 1 / 6, burst: 20 };

const isOpenDatabase = (value: DatabaseOptions | Database): value is Database => 'query' in value;

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const given = options.database ?? { kind: 'pglite', dataDir: 'memory' };
  const ownsDatabase = !isOpenDatabase(given);
  const db = isOpenDatabase(given) ? given : await openDatabase(given);
  const log =
    options.logger === undefined || options.logger === false ? silentLogger : options.logger;
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log({ msg: 'migrated', database: db.kind, applied });
  } catch (error) {
    if (ownsDatabase) await db.close();
    throw error;
  }
  let shared: Awaited<ReturnType<typeof openSharedState>>;
  try {
    shared = await openSharedState({
      db,
      rateLimit: options.rateLimit ?? false,
      authFailureLimit: options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT,
      redisUrl: options.redisUrl,
      redisKeyPrefix: options.redisKeyPrefix,
      onError: (error) =>
        log({
          msg: 'shared state error',
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  } catch (error) {
    if (ownsDatabase) await db.close();
    throw error;
  }
  const { limiter, authFailures } = shared;
  const sweep = setInterval(() => {
    sweepSessions(db).catch(() => undefined);
    shared.sweep().catch((error: unknown) =>
      log({
        msg: 'rate limit sweep failed',
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  }, 60_000);
  sweep.unref();
  let draining = false;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 60_000;
  const server = createServer(
    createPipeline({
      db,
      route: createRouter(routes),
      limiter,
      authFailures,
      cors: createCors(options.extensionOrigins ?? []),
      bodyTimeoutMs,
      log,
      draining: () => draining,
    }),
  );
  server.keepAliveTimeout = 5_000;
  // Node's own limits, behind the pipeline's body deadline: headers within 20 s, a whole
  // request (its body's deadline plus a margin) or the socket is cut without an answer.
  server.requestTimeout = bodyTimeoutMs + 10_000;
  server.headersTimeout = Math.min(20_000, server.requestTimeout);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A port in use: release what this instance holds (a LISTEN connection, Redis).
    clearInterval(sweep);
    await shared.close();
    if (ownsDatabase) await db.close();
    throw error;
  }
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  log({ msg: 'listening', url, database: db.kind, sharedState: shared.kind });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      clearInterval(sweep);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; in-flight requests finish
      // (their responses say Connection: close), then their connections go too.
      server.closeIdleConnections();
      const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(
        () => server.closeAllConnections(),
        options.shutdownTimeoutMs ?? 10_000,
      );
      await stopped;
      clearInterval(idleSweep);
      clearTimeout(deadline);
      await shared.close();
      if (ownsDatabase) await db.close();
      log({ msg: 'stopped' });
    })();
    return closing;
  };
  return { url, port, db, events: shared.events, close };
}
