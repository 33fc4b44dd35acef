/**
 * `npm run server -- token issue --reviewer alice [--role lead|admin] [--admin]`, `token revoke --reviewer
 * alice`, `token list`: token administration against the configured database.
 */
import { parseArgs } from 'node:util';
import { reviewerIdSchema } from '@/lib/shared/protocol/records';
import { isRole, issueToken, listTokens, ROLES, type Role, revokeTokens } from './auth/tokens';
import { loadConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrations';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** An open database to use instead of the configured one (left open afterwards). */
  database?: Database;
}

const USAGE = `Usage:
  npm run server                                         start the endpoint
  npm run server -- token issue --reviewer <id> [--role reviewer|lead|admin] [--admin]
                                                            issue a token (printed once); --admin is --role admin
  npm run server -- token revoke --reviewer <id>            revoke all tokens of a reviewer
  npm run server -- token list                              list tokens (never their values)`;

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [group, command, ...rest] = args;
  if (group !== 'token' || !command || !['issue', 'revoke', 'list'].includes(command)) {
    io.err(USAGE);
    return group === 'help' || group === '--help' ? 0 : 2;
  }
  let values: { reviewer?: string; admin?: boolean; role?: string };
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        reviewer: { type: 'string' },
        admin: { type: 'boolean' },
        role: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (command !== 'list' && !values.reviewer) {
    io.err(`token ${command} needs --reviewer <id>\n${USAGE}`);
    return 2;
  }
  if (values.reviewer !== undefined && !reviewerIdSchema.safeParse(values.reviewer).success) {
    io.err(
      `"${values.reviewer}" is not a reviewer id: use letters, digits, ".", "@", "_" and "-".`,
    );
    return 2;
  }
  if (values.role !== undefined && !isRole(values.role)) {
    io.err(`--role must be one of ${ROLES.join(', ')}; got "${values.role}".`);
    return 2;
  }
  if (values.role !== undefined && values.admin && values.role !== 'admin') {
    io.err(`--admin and --role ${values.role} disagree: give one of them.`);
    return 2;
  }
  const role: Role = isRole(values.role) ? values.role : values.admin ? 'admin' : 'reviewer';
  let db: Database;
  try {
    db = io.database ?? (await openDatabase(loadConfig(io.env).database));
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  try {
    await migrate(db);
    if (command === 'issue') {
      const { token } = await issueToken(db, values.reviewer ?? '', { role });
      io.out(token);
      io.err(
        `Issued ${role === 'admin' ? 'an admin' : `a ${role}`} token for ${values.reviewer}. It is shown only this once: store it now.`,
      );
    } else if (command === 'revoke') {
      const count = await revokeTokens(db, values.reviewer ?? '');
      io.out(`Revoked ${count} token(s) of ${values.reviewer}.`);
      if (count === 0) return 1;
    } else {
      const tokens = await listTokens(db);
      if (tokens.length === 0) io.out('No tokens.');
      for (const t of tokens) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
        io.out(`${t.reviewer}\t${t.role}\t${t.id}\tissued ${t.createdAt}\t${state}`);
      }
    }
    return 0;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    if (!io.database) await db.close();
  }
}
