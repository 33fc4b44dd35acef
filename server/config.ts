/**
 * Configuration from the environment, validated up front so a typo fails at start with the
 * variable named, not later with a confusing error.
 */
import { z } from 'zod';
import { describeIssues } from '@/lib/shared/protocol/issues';
import type { RateLimitOptions } from './auth/rate-limit';
import type { DatabaseOptions } from './db/database';
import { EXTENSION_ORIGIN } from './http/cors';

const integer = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .default('')
    .transform((text) => text.trim() || String(fallback))
    .pipe(z.coerce.number<string>({ message }).int(message).min(min, message).max(max, message));
};

const envSchema = z.object({
  PORT: integer(0, 65_535, 8787),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  FLAGPOST_DATA_DIR: z.string().trim().min(1).default('.data/server'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Requests per second each token earns; 0 turns rate limiting off. */
  FLAGPOST_RATE_LIMIT_PER_SECOND: integer(0, 1_000_000, 10),
  /** Requests a token may make at once before the rate applies. */
  FLAGPOST_RATE_LIMIT_BURST: integer(1, 1_000_000, 60),
  FLAGPOST_SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000),
  /** Failed authentications an address may make at once; 0 turns that limit off. */
  FLAGPOST_AUTH_FAILURE_BURST: integer(0, 1_000_000, 20),
  /** Seconds for an address to earn one more failed authentication. */
  FLAGPOST_AUTH_FAILURE_REFILL_SECONDS: integer(1, 86_400, 6),
  /** Comma-separated extension origins allowed by CORS. */
  FLAGPOST_EXTENSION_ORIGINS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            EXTENSION_ORIGIN,
            'each must be chrome-extension://<32 letters a-p> or moz-extension://<UUID>',
          ),
      ),
    ),
  FLAGPOST_BODY_TIMEOUT_MS: integer(1_000, 600_000, 60_000),
  /** Rate limits in Redis instead of PostgreSQL (several instances on one database). */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FLAGPOST_LOG: z.enum(['json', 'off']).default('json'),
});

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseOptions;
  rateLimit: RateLimitOptions | false;
  authFailureLimit: RateLimitOptions | false;
  extensionOrigins: string[];
  bodyTimeoutMs: number;
  shutdownTimeoutMs: number;
  log: boolean;
  redisUrl: string | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((issue) => {
      const value = env[issue.path];
      return `  ${issue.path}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.FLAGPOST_DATA_DIR },
    rateLimit:
      e.FLAGPOST_RATE_LIMIT_PER_SECOND === 0
        ? false
        : { perSecond: e.FLAGPOST_RATE_LIMIT_PER_SECOND, burst: e.FLAGPOST_RATE_LIMIT_BURST },
    authFailureLimit:
      e.FLAGPOST_AUTH_FAILURE_BURST === 0
        ? false
        : {
            perSecond: 1 / e.FLAGPOST_AUTH_FAILURE_REFILL_SECONDS,
            burst: e.FLAGPOST_AUTH_FAILURE_BURST,
          },
    extensionOrigins: e.FLAGPOST_EXTENSION_ORIGINS,
    bodyTimeoutMs: e.FLAGPOST_BODY_TIMEOUT_MS,
    shutdownTimeoutMs: e.FLAGPOST_SHUTDOWN_TIMEOUT_MS,
    log: e.FLAGPOST_LOG === 'json',
    redisUrl: e.REDIS_URL,
  };
}
