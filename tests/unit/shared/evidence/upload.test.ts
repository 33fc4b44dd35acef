/**
 * The sync engine against the real reference endpoint: a flag's snapshot is uploaded under
 * its hash before the batch that carries the flag, once per image.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/lib/background/store/clock';
import { FlagpostDb } from '@/lib/background/store/db';
import { createFlag } from '@/lib/background/store/flags-repo';
import { runSync } from '@/lib/background/sync/sync-engine';
import { snapshotEvidence } from '@/lib/shared/evidence/snapshot-link';
import { issueToken, type RunningServer, startServer } from '@/server/app';

let server: RunningServer;
let token: string;
beforeAll(async () => {
  server = await startServer();
  token = (await issueToken(server.db, 'alice')).token;
});
afterAll(async () => {
  await server?.close();
});

describe('evidence upload in sync', () => {
  it('puts the image before the batch, and the endpoint serves the same bytes', async () => {
    const db = new FlagpostDb(`upload-${Math.random()}`);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await db.evidence.add({
      sha256,
      createdAt: systemClock(),
      mimeType: 'image/png',
      bytes: new Blob([bytes], { type: 'image/png' }),
      size: bytes.length,
    });
    const flag = {
      item: {
        platform: 'shopvid',
        kind: 'video' as const,
        itemId: 'v1',
        url: 'https://s.example/v/1',
      },
      policyId: 'counterfeit-goods',
      policyVersion: '1',
      severity: 'high' as const,
      source: 'manual' as const,
      status: 'confirmed' as const,
      evidence: snapshotEvidence(sha256, { text: 'copy 1:1' }),
    };
    const author = { reviewer: 'alice', clock: systemClock };
    await createFlag(db, flag, author);
    await createFlag(db, { ...flag, policyId: 'off-platform' }, author);

    const requests: string[] = [];
    const logged: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const result = await runSync({
      db,
      config: { endpointUrl: server.url, token },
      clock: systemClock,
      fetch: logged,
    });
    expect(result.outcome).toBe('done');
    expect(requests).toEqual([`PUT /v1/evidence/${sha256}`, 'POST /v1/batches']);

    const served = await fetch(`${server.url}/v1/evidence/${sha256}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    await db.delete();
  });
});
