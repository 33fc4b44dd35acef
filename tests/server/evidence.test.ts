import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceReceiptSchema } from '@/lib/shared/protocol/evidence';
import { buildOpenApiDocument } from '@/lib/shared/protocol/openapi';
import type { ErrorBody } from '@/lib/shared/protocol/service';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { type Backend, forEachBackend } from './helpers';

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const image = () => Buffer.concat([PNG_HEADER, randomBytes(256)]);
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

forEachBackend((backend: Backend) => {
  let server: RunningServer;
  let dispose: () => Promise<void>;
  let alice: string;
  let bob: string;

  const put = (hash: string, body: Buffer, token: string | undefined, type = 'image/png') =>
    fetch(`${server.url}/v1/evidence/${hash}`, {
      method: 'PUT',
      headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });
  const get = (hash: string, token: string | undefined) =>
    fetch(`${server.url}/v1/evidence/${hash}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    server = await startServer({ database: opened.db });
    alice = (await issueToken(opened.db, 'alice')).token;
    bob = (await issueToken(opened.db, 'bob')).token;
  });
  afterAll(async () => {
    await server?.close();
    await dispose?.();
  });

  it('stores an image under its SHA-256 and serves the same bytes back', async () => {
    const bytes = image();
    const hash = hashOf(bytes);
    const stored = await put(hash, bytes, alice);
    expect(stored.status).toBe(201);
    expect(evidenceReceiptSchema.parse(await stored.json())).toEqual({
      sha256: hash,
      mimeType: 'image/png',
      size: bytes.length,
      created: true,
    });
    const fetched = await get(hash, bob);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('is idempotent: the same image twice is stored once', async () => {
    const bytes = image();
    const hash = hashOf(bytes);
    expect((await put(hash, bytes, alice)).status).toBe(201);
    const again = await put(hash, bytes, bob);
    expect(again.status).toBe(200);
    expect(evidenceReceiptSchema.parse(await again.json()).created).toBe(false);
    const rows = await server.db.query<{ n: number }>(
      'select count(*)::int as n from evidence where sha256 = $1',
      [hash],
    );
    expect(rows.rows[0]?.n).toBe(1);
  });

  it('refuses a body whose SHA-256 differs from the path', async () => {
    const bytes = image();
    const wrong = hashOf(image());
    const answer = await put(wrong, bytes, alice);
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as ErrorBody).error.message).toContain(hashOf(bytes));
    expect((await get(wrong, alice)).status).toBe(404);
  });

  it('refuses bad hashes, other media types, oversized bodies and missing tokens', async () => {
    const bytes = image();
    const hash = hashOf(bytes);
    expect((await put('ABC', bytes, alice)).status).toBe(400);
    expect((await put(hash.toUpperCase(), bytes, alice)).status).toBe(400);
    expect((await put(hash, bytes, alice, 'text/plain')).status).toBe(415);
    expect((await put(hash, bytes, undefined)).status).toBe(401);
    expect((await get(hash, undefined)).status).toBe(401);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    expect((await put(hashOf(big), big, alice)).status).toBe(413);
  });

  it('accepts JPEG and answers 404 for an unknown image', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(64)]);
    const hash = hashOf(bytes);
    expect((await put(hash, bytes, alice, 'image/jpeg')).status).toBe(201);
    expect((await get(hash, alice)).headers.get('content-type')).toBe('image/jpeg');
    const missing = await get(hashOf(image()), alice);
    expect([missing.status, ((await missing.json()) as ErrorBody).error.code]).toEqual([
      404,
      'not_found',
    ]);
  });

  it('is in the OpenAPI document', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/v1/evidence/{sha256}'] ?? {}).sort()).toEqual(['get', 'put']);
  });
}, describe);
