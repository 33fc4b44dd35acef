/**
 * LISTEN over a dedicated pg client that comes back after a lost connection (a restart of
 * PostgreSQL, a failover, an idle timeout in between): the instance keeps hearing the
 * others instead of going quietly deaf.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Notifications, Queryable } from './database';

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * Channel names are database-wide, but tests (and some deployments) keep several
 * endpoints' tables in one database under separate schemas: scope the channel to the
 * schema, hashed to stay within PostgreSQL's 63-byte identifiers.
 */
export function scopedChannel(channel: string, schema: string | undefined): string {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(channel)) {
    throw new Error(
      `channel ${JSON.stringify(channel)}: use 1-31 of a-z, 0-9 and _, from a letter`,
    );
  }
  const scope = createHash('sha256')
    .update(schema ?? 'public')
    .digest('hex')
    .slice(0, 16);
  return `${channel}_${scope}`;
}

export function pgNotifications(
  pool: Queryable,
  clientConfig: pg.ClientConfig,
  schema: string | undefined,
): Notifications {
  return {
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [scopedChannel(channel, schema), payload]);
    },
    async listen(channel, onPayload) {
      const name = scopedChannel(channel, schema);
      let closed = false;
      let client: pg.Client | undefined;
      let retryMs = RETRY_FIRST_MS;
      let retryTimer: NodeJS.Timeout | undefined;

      const connect = async () => {
        const next = new pg.Client(clientConfig);
        next.on('notification', (message) => {
          if (message.channel === name && message.payload !== undefined) onPayload(message.payload);
        });
        const lost = () => {
          if (client !== next) return;
          client = undefined;
          next.end().catch(() => {});
          scheduleRetry();
        };
        next.on('error', lost);
        next.on('end', lost);
        await next.connect();
        await next.query(`listen "${name}"`);
        if (closed) {
          await next.end();
          return;
        }
        client = next;
        retryMs = RETRY_FIRST_MS;
      };
      const scheduleRetry = () => {
        if (closed || retryTimer) return;
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          connect().catch(scheduleRetry);
        }, retryMs);
        retryTimer.unref();
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
      };

      // The first connection must work: a misconfigured database fails at start, not later.
      await connect();
      return {
        async close() {
          closed = true;
          clearTimeout(retryTimer);
          const last = client;
          client = undefined;
          await last?.end();
        },
      };
    },
  };
}
