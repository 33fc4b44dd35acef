/**
 * Console sessions: a lead or admin token is exchanged once for a session id, a random
 * 32-byte value sent back in an `HttpOnly; SameSite=Strict; Path=/` cookie. The database
 * keeps only its SHA-256 (as for tokens: 256 random bits need no slow hash), so a leaked
 * table holds no usable session, and every instance on the database knows every session.
 * A session ends at its expiry, when its owner signs out, or when its token is revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hasRole, type Principal, type Role } from '../auth/tokens';
import type { Queryable } from '../db/database';

export const SESSION_COOKIE = 'flagpost_console';
/** What `newSessionId` makes: 32 random bytes in base64url (43 characters). */
const SESSION_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** Eight hours: a working shift. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;

export interface ConsoleSession {
  reviewer: string;
  role: Extract<Role, 'lead' | 'admin'>;
  tokenId: string;
  expiresAt: string;
}

const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

/** Whether `principal` may sign in to the console: leads and admins only. */
export const maySignIn = (principal: Principal): boolean => hasRole(principal.role, 'lead');

/** Starts a session for `principal`; returns its id, the only time it exists in clear. */
export async function createSession(
  db: Queryable,
  principal: Principal,
  ttlSeconds: number = DEFAULT_SESSION_TTL_SECONDS,
): Promise<{ id: string; session: ConsoleSession }> {
  if (!maySignIn(principal)) throw new Error(`${principal.role} tokens cannot sign in`);
  const id = randomBytes(32).toString('base64url');
  const result = await db.query<{ expires_at: Date }>(
    `insert into console_sessions (id_hash, token_id, reviewer, role, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5)) returning expires_at`,
    [hashSessionId(id), principal.tokenId, principal.reviewer, principal.role, ttlSeconds],
  );
  const expiresAt = new Date(result.rows[0]?.expires_at ?? Date.now()).toISOString();
  return {
    id,
    session: {
      reviewer: principal.reviewer,
      role: principal.role as ConsoleSession['role'],
      tokenId: principal.tokenId,
      expiresAt,
    },
  };
}

/**
 * The live session `id` names, or undefined: unknown, expired, signed out, or its token
 * revoked. A value without the shape of a session id costs no query.
 */
export async function findSession(
  db: Queryable,
  id: string | undefined,
): Promise<ConsoleSession | undefined> {
  if (!id || !SESSION_SHAPE.test(id)) return undefined;
  const result = await db.query<{
    reviewer: string;
    role: ConsoleSession['role'];
    token_id: string;
    expires_at: Date;
  }>(
    `select s.reviewer, s.role, s.token_id, s.expires_at
       from console_sessions s join tokens t on t.id = s.token_id
      where s.id_hash = $1 and s.revoked_at is null and s.expires_at > now()
        and t.revoked_at is null`,
    [hashSessionId(id)],
  );
  const row = result.rows[0];
  return row
    ? {
        reviewer: row.reviewer,
        role: row.role,
        tokenId: row.token_id,
        expiresAt: new Date(row.expires_at).toISOString(),
      }
    : undefined;
}

/** Ends the session `id` names (signing out); true when one was live. */
export async function revokeSession(db: Queryable, id: string | undefined): Promise<boolean> {
  if (!id || !SESSION_SHAPE.test(id)) return false;
  const result = await db.query(
    'update console_sessions set revoked_at = now() where id_hash = $1 and revoked_at is null',
    [hashSessionId(id)],
  );
  return result.rowCount > 0;
}

/** Deletes sessions that ended more than a day ago (the sweep every instance runs). */
export async function sweepSessions(db: Queryable): Promise<void> {
  await db.query(
    `delete from console_sessions
      where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day'`,
  );
}

/** The session cookie's value in a request, if it sent one. */
export function sessionCookie(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** `Set-Cookie` for a new session: never readable by scripts, never sent cross-site. */
export function sessionCookieHeader(id: string, ttlSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${id}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${ttlSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** `Set-Cookie` that removes the session cookie. */
export const clearedSessionCookie = (secure: boolean) =>
  [
    `${SESSION_COOKIE}=`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
