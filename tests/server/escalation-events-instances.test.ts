/**
 * Two endpoint instances on one PostgreSQL database: an escalation created through one is
 * pushed on a lead's event stream open on the other (LISTEN/NOTIFY via the event bus).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationEventSchema } from '@/lib/shared/protocol/escalations';
import { newUlid } from '@/lib/shared/protocol/ids';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { type Database, openDatabase } from '@/server/db/database';
import { api, dropSchema, freshSchemaName } from './helpers';

const url = process.env.DATABASE_URL;

describe.skipIf(!url)('escalation events across instances (PostgreSQL)', () => {
  const schema = freshSchemaName();
  let dbs: Database[] = [];
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    dbs = [
      await openDatabase({ kind: 'postgres', url: url ?? '', schema, poolSize: 2 }),
      await openDatabase({ kind: 'postgres', url: url ?? '', schema, poolSize: 2 }),
    ];
    servers = [];
    for (const db of dbs) servers.push(await startServer({ database: db }));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    for (const db of dbs) await db.close();
    if (url) await dropSchema(url, schema);
  });

  it('reaches a stream open on the other instance', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const reviewer = (await issueToken(a.db, 'alice')).token;
    const lead = (await issueToken(a.db, 'lead-lin', { admin: true })).token;
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/v1/escalations/events`, {
      headers: { Authorization: `Bearer ${lead}` },
      signal: controller.signal,
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const id = newUlid();
    const created = await api(a.url, 'POST', '/v1/escalations', {
      token: reviewer,
      json: {
        id,
        flagId: newUlid(),
        category: 'scam_wave',
        reason: 'Same script on forty accounts.',
        item: { platform: 'shopvid', kind: 'video', itemId: 'v1', url: 'https://s.example/v1' },
        createdAt: new Date().toISOString(),
      },
    });
    expect(created.status).toBe(201);
    let text = '';
    while (!text.includes('data: ')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    while (!text.includes('\n\n', text.indexOf('data: '))) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const line = text.split('\n').find((l) => l.startsWith('data: ')) ?? '';
    const event = escalationEventSchema.parse(JSON.parse(line.slice(6)));
    expect([event.change, event.escalation.id]).toEqual(['created', id]);
    controller.abort();
  });
});
