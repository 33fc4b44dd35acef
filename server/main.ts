/**
 * `npm run server`: the governance endpoint from the environment's configuration, with
 * graceful shutdown on SIGINT/SIGTERM; `npm run server -- token ...` administers tokens.
 */
import { listTokens, startServer } from './app';
import { runCli } from './cli';
import { ConfigError, loadConfig } from './config';
import { jsonLogger } from './http/log';

async function serve(): Promise<void> {
  const config = loadConfig();
  const server = await startServer({
    port: config.port,
    host: config.host,
    database: config.database,
    rateLimit: config.rateLimit,
    authFailureLimit: config.authFailureLimit,
    extensionOrigins: config.extensionOrigins,
    bodyTimeoutMs: config.bodyTimeoutMs,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    logger: config.log ? jsonLogger : false,
    redisUrl: config.redisUrl,
  });
  if (config.log && (await listTokens(server.db)).length === 0) {
    jsonLogger({
      msg: 'no tokens yet',
      hint: 'npm run server -- token issue --reviewer <id> [--admin] (stop the server first when it uses the embedded database)',
    });
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": skip waiting for in-flight requests.
      process.exit(1);
    }
    stopping = true;
    if (config.log) jsonLogger({ msg: 'shutting down', signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const args = process.argv.slice(2);
try {
  if (args.length > 0) {
    process.exitCode = await runCli(args, {
      env: process.env,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    });
  } else {
    await serve();
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(error instanceof ConfigError ? 2 : 1);
}
