/**
 * Token buckets in Redis (REDIS_URL): the same buckets as in PostgreSQL, without a write
 * on the database for every request. One Lua script refills and spends atomically, on
 * Redis's clock; each bucket expires when it would be full again, so nothing is swept.
 */
import { createClient } from 'redis';
import {
  type RateDecision,
  type RateLimitOptions,
  type RateLimitStore,
  refusal,
} from './rate-limit-store';

const BUCKET_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local spend = ARGV[3] == '1'
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
if tokens == nil then
  tokens = burst
else
  tokens = math.min(burst, tokens + math.max(0, now - tonumber(state[2])) * rate)
end
local allowed = tokens >= 1
if spend then
  if allowed then tokens = tokens - 1 end
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
end
if allowed then return {1, tostring(tokens)} end
return {0, tostring(tokens)}`;

/** Runs the bucket script on one key: the only call the store makes. */
type Evaluate = (key: string, args: string[]) => Promise<unknown>;

class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly evaluate: Evaluate,
    private readonly prefix: string,
    private readonly options: RateLimitOptions,
  ) {}

  take(key: string) {
    return this.#run(key, true);
  }

  check(key: string) {
    return this.#run(key, false);
  }

  async sweep() {}

  async #run(key: string, spend: boolean): Promise<RateDecision> {
    const reply = (await this.evaluate(this.prefix + key, [
      String(this.options.burst),
      String(this.options.perSecond),
      spend ? '1' : '0',
    ])) as [number, string];
    const [allowed, tokens] = reply;
    return allowed === 1 ? { allowed: true } : refusal(Number(tokens), this.options);
  }
}

export async function openRedisLimits(
  url: string,
  options: {
    rateLimit: RateLimitOptions | false;
    authFailureLimit: RateLimitOptions | false;
    /** Keeps several endpoints (or test runs) on one Redis apart. */
    redisKeyPrefix?: string;
    onError: (error: unknown) => void;
  },
) {
  const client = createClient({ url });
  // Without a listener a lost connection would crash the process; the client reconnects.
  client.on('error', options.onError);
  await client.connect();
  const prefix = options.redisKeyPrefix ?? 'flagpost:';
  const evaluate: Evaluate = (key, args) =>
    client.eval(BUCKET_SCRIPT, { keys: [key], arguments: args });
  return {
    limiter: options.rateLimit
      ? new RedisRateLimitStore(evaluate, `${prefix}rate:token:`, options.rateLimit)
      : undefined,
    authFailures: options.authFailureLimit
      ? new RedisRateLimitStore(evaluate, `${prefix}rate:auth-failure:`, options.authFailureLimit)
      : undefined,
    close: () => client.close(),
  };
}
