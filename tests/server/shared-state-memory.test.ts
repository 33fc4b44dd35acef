/**
 * The single-process side of shared state: the embedded database keeps rate limits and
 * events in memory behind the same interfaces, servers sharing one open database share its
 * bus, and REDIS_URL is validated at start like every other setting.
 */
import { describe, expect, it } from 'vitest';
import { issueToken, startServer } from '@/server/app';
import { ConfigError, loadConfig } from '@/server/config';
import { openDatabase } from '@/server/db/database';
import { acquireEventBus, eventBusFor, MemoryEventBus } from '@/server/shared-state/event-bus';
import { api } from './helpers';

describe('shared state on the embedded database', () => {
  it('limits in memory and shares one bus between servers on one database', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
    const limit = { perSecond: 1 / 600, burst: 2 };
    const one = await startServer({ database: db, rateLimit: limit });
    const two = await startServer({ database: db, rateLimit: limit });
    try {
      expect(one.events).toBeInstanceOf(MemoryEventBus);
      expect(two.events).toBe(one.events);
      expect(eventBusFor(db)).toBe(one.events);
      const heard: unknown[] = [];
      two.events.on('topic', (payload) => heard.push(payload));
      one.events.emit('topic', { n: 1 });
      expect(heard).toEqual([{ n: 1 }]);

      // In memory, each process has its own buckets: right for one process.
      const { token } = await issueToken(db, 'alice');
      const get = (url: string) => api(url, 'GET', '/v1/policy-pack', { token });
      expect((await get(one.url)).status).toBe(404);
      expect((await get(one.url)).status).toBe(404);
      expect((await get(one.url)).status).toBe(429);
    } finally {
      await one.close();
      await two.close();
      await db.close();
    }
  });

  it('closes a held bus with its last holder only', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory' });
    try {
      const first = await acquireEventBus(db, async () => new MemoryEventBus());
      const second = await acquireEventBus(db, async () => {
        throw new Error('a second bus must not be made while one is held');
      });
      expect(second.bus).toBe(first.bus);
      const heard: unknown[] = [];
      first.bus.on('topic', (payload) => heard.push(payload));
      await first.release();
      first.bus.emit('topic', 'still open');
      await second.release();
      first.bus.emit('topic', 'closed');
      expect(heard).toEqual(['still open']);
      expect(eventBusFor(db)).not.toBe(first.bus);
    } finally {
      await db.close();
    }
  });
});

describe('REDIS_URL', () => {
  it('is optional, and must be a redis:// or rediss:// URL when set', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380/1' }).redisUrl).toBe(
      'rediss://cache.internal:6380/1',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: '127.0.0.1:6379' })).toThrow(
      'REDIS_URL: must be a redis:// or rediss:// URL (got "127.0.0.1:6379")',
    );
  });
});
