/**
 * Bearer tokens, one or more per reviewer. A token is 32 random bytes; the database keeps
 * only its SHA-256. A fast hash is the right tool here, unlike for passwords: slow
 * password hashes (bcrypt, scrypt, Argon2) exist to make guessing low-entropy secrets
 * expensive, but guessing 256 random bits is hopeless at any speed. A plain hash still
 * means a leaked database holds no usable token, and it lets each request find its token
 * with one indexed lookup instead of trying a slow hash against every row.
 */
import { createHash, randomBytes } from 'node:crypto';
import { newUlid } from '@/lib/shared/protocol/ids';
import { reviewerIdSchema } from '@/lib/shared/protocol/records';
import type { Queryable } from '../db/database';

const TOKEN_PREFIX = 'fpt_';
/** What issueToken makes: the prefix and 32 random bytes in base64url (43 characters). */
const TOKEN_SHAPE = /^fpt_[A-Za-z0-9_-]{43}$/;

/** Whether `token` could be one this endpoint issued; anything else never reaches the database. */
export const isWellFormedToken = (token: string) => TOKEN_SHAPE.test(token);

/** What a token may do: a reviewer syncs; a lead also handles escalations and signs in to the console; an admin also publishes packs. */
export const ROLES = ['reviewer', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const RANK: Record<Role, number> = { reviewer: 0, lead: 1, admin: 2 };
/** Whether `role` is `needed` or above it. */
export const hasRole = (role: Role, needed: Role) => RANK[role] >= RANK[needed];
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface Principal {
  tokenId: string;
  reviewer: string;
  /** role === 'admin' (kept: routes written before roles read it). */
  admin: boolean;
  role: Role;
}

export interface TokenInfo {
  id: string;
  reviewer: string;
  admin: boolean;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a token for `reviewer` and returns it: the only time it exists in clear. */
export async function issueToken(
  db: Queryable,
  reviewer: string,
  options: { admin?: boolean; role?: Role } = {},
): Promise<{ token: string; id: string }> {
  const parsedReviewer = reviewerIdSchema.parse(reviewer);
  const role: Role = options.role ?? (options.admin ? 'admin' : 'reviewer');
  if (!isRole(role)) throw new Error(`role must be one of ${ROLES.join(', ')}; got "${role}".`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = newUlid();
  await db.query(
    'insert into tokens (id, reviewer, token_hash, admin, role) values ($1, $2, $3, $4, $5)',
    [id, parsedReviewer, hashToken(token), role === 'admin', role],
  );
  return { token, id };
}

/** Revokes every live token of `reviewer`; returns how many. */
export async function revokeTokens(db: Queryable, reviewer: string): Promise<number> {
  const result = await db.query(
    'update tokens set revoked_at = now() where reviewer = $1 and revoked_at is null',
    [reviewer],
  );
  return result.rowCount;
}

export async function listTokens(db: Queryable): Promise<TokenInfo[]> {
  const result = await db.query<{
    id: string;
    reviewer: string;
    admin: boolean;
    role: Role;
    created_at: Date;
    revoked_at: Date | null;
  }>('select id, reviewer, admin, role, created_at, revoked_at from tokens order by reviewer, id');
  return result.rows.map((row) => ({
    id: row.id,
    reviewer: row.reviewer,
    admin: row.admin,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  }));
}

/** The bearer token of an `Authorization` header, when it has the shape of one we issue. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return token && isWellFormedToken(token) ? token : undefined;
}

/**
 * The principal an `Authorization` header names, or undefined when it names none. A header
 * without a well-formed token costs no query.
 */
export async function authenticate(
  db: Queryable,
  authorization: string | undefined,
): Promise<Principal | undefined> {
  const token = bearerToken(authorization);
  if (!token) return undefined;
  const result = await db.query<{ id: string; reviewer: string; role: Role }>(
    'select id, reviewer, role from tokens where token_hash = $1 and revoked_at is null',
    [hashToken(token)],
  );
  const row = result.rows[0];
  return row
    ? { tokenId: row.id, reviewer: row.reviewer, admin: row.role === 'admin', role: row.role }
    : undefined;
}
