import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, startServer } from '@/server/app';
import { runCli } from '@/server/cli';
import { type Database, openDatabase } from '@/server/db/database';
import { api, dropSchema, flagItem, freshSchemaName, makeFlag } from './helpers';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'flagpost-server-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function runCliCaptured(args: string[], env: NodeJS.ProcessEnv, database?: Database) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { env, database, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface CliTarget {
  name: string;
  skipReason?: string;
  /** The environment and, for PGlite, an open in-memory database the CLI is handed. */
  setup: () => Promise<{ env: NodeJS.ProcessEnv; database?: Database; dispose(): Promise<void> }>;
}

const databaseUrl = process.env.DATABASE_URL;
const cliTargets: CliTarget[] = [
  {
    name: 'pglite',
    async setup() {
      const database = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
      return { env: {}, database, dispose: () => database.close() };
    },
  },
  {
    name: 'postgres',
    skipReason: databaseUrl ? undefined : 'DATABASE_URL is unset: PostgreSQL CLI test skipped.',
    async setup() {
      // The CLI reads DATABASE_URL like the server: point it at a fresh schema.
      const schema = freshSchemaName();
      const pg = await import('pg');
      const client = new pg.default.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`create schema "${schema}"`);
      await client.end();
      const url = new URL(databaseUrl ?? '');
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        env: { DATABASE_URL: url.toString() },
        dispose: () => dropSchema(databaseUrl ?? '', schema),
      };
    },
  },
];

for (const target of cliTargets) {
  const suite = target.skipReason ? describe.skip : describe;
  if (target.skipReason) console.info(`[server tests] cli on ${target.name}: ${target.skipReason}`);
  suite(`token CLI on ${target.name}`, () => {
    let env: NodeJS.ProcessEnv;
    let database: Database | undefined;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ env, database, dispose } = await target.setup());
    });
    afterAll(() => dispose?.());
    const cli = (args: string[]) => runCliCaptured(args, env, database);

    it('issues a token once, lists it without its value, and revokes it', async () => {
      const issued = await cli(['token', 'issue', '--reviewer', 'alice', '--admin']);
      expect(issued.code).toBe(0);
      const token = issued.out.trim();
      expect(token).toMatch(/^fpt_[\w-]{43}$/);
      expect(issued.err).toMatch(/shown only this once/);

      const listed = await cli(['token', 'list']);
      expect(listed.out).toMatch(/^alice\tadmin\t\w{26}\tissued \S+\tactive$/);
      expect(listed.out).not.toContain(token);

      const server = await startServer({
        database: database ?? { kind: 'postgres', url: env.DATABASE_URL ?? '' },
      });
      try {
        expect((await api(server.url, 'GET', '/v1/policy-pack', { token })).status).toBe(404);
      } finally {
        await server.close();
      }

      const revoked = await cli(['token', 'revoke', '--reviewer', 'alice']);
      expect([revoked.code, revoked.out]).toEqual([0, 'Revoked 1 token(s) of alice.']);
      expect((await cli(['token', 'list'])).out).toMatch(/\trevoked \S+$/);
      expect((await cli(['token', 'revoke', '--reviewer', 'alice'])).code).toBe(1);
    });

    it('explains its usage on a bad command line', async () => {
      const missing = await cli(['token', 'issue']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('needs --reviewer');
      expect((await cli(['token', 'frobnicate'])).code).toBe(2);
      expect((await cli(['token', 'issue', '--reviewer', 'a', '--colour'])).code).toBe(2);
      const badReviewer = await cli(['token', 'issue', '--reviewer', 'no spaces']);
      expect(badReviewer.code).toBe(2);
      expect(badReviewer.err).toContain('not a reviewer id');
    });
  });
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, then refuses new ones and closes the database', async () => {
    const server = await startServer();
    const { token } = await issueToken(server.db, 'alice');
    const body = JSON.stringify({ records: [flagItem(makeFlag())] });
    const half = Math.floor(body.length / 2);
    const events: string[] = [];
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/batches`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, text });
          });
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      // Shut down while the body is still arriving, then send the rest.
      setTimeout(() => {
        void server.close().then(() => events.push('closed'));
        setTimeout(() => {
          events.push('rest of body sent');
          req.end(body.slice(half));
        }, 100);
      }, 100);
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text).counts.created).toBe(1);
    await server.close();
    // close() cannot have finished before the request it waited for had all its body.
    expect(events).toEqual(['rest of body sent', 'closed']);
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow();
    await expect(server.db.query('select 1')).rejects.toThrow();
  });
});

describe('npm run server (server/main.ts)', () => {
  const main = join(process.cwd(), 'server/main.ts');
  const run = (env: NodeJS.ProcessEnv): ChildProcess =>
    spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  it('serves a CLI-issued token, logs one JSON line per request, stops on SIGTERM', async () => {
    const dataDir = join(tempDir(), 'db');
    const issued = await runCliCaptured(['token', 'issue', '--reviewer', 'dana'], {
      FLAGPOST_DATA_DIR: dataDir,
    });
    expect(issued.code).toBe(0);
    const child = run({ PORT: '0', FLAGPOST_DATA_DIR: dataDir });
    const lines: Array<Record<string, unknown>> = [];
    let buffered = '';
    const listening = new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const line of parts) {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (entry.msg === 'listening') resolve(String(entry.url));
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const url = await listening;
    expect((await api(url, 'GET', '/v1/health')).status).toBe(200);
    expect((await api(url, 'GET', '/v1/policy-pack')).status).toBe(401);
    const token = issued.out.trim();
    expect((await api(url, 'GET', '/v1/policy-pack', { token })).status).toBe(404);
    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[2]).toMatchObject({ path: '/v1/policy-pack', status: 404, reviewer: 'dana' });
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1/health',
      status: 200,
      reviewer: null,
    });
    expect(typeof requests[0]?.ms).toBe('number');
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    // A real `npm run server` process: tsx's start-up alone takes seconds on a busy machine.
  }, 120_000);

  it('refuses to start on an invalid configuration, naming the variable', async () => {
    const child = run({ PORT: 'eighty', FLAGPOST_RATE_LIMIT_BURST: '0' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('PORT: must be a whole number from 0 to 65535 (got "eighty")');
    expect(stderr).toContain('FLAGPOST_RATE_LIMIT_BURST');
  });
});
