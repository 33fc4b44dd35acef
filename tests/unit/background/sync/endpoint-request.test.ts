/** The request every sync and escalation send makes, against a real local HTTP server. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointRoute, errorMessage, postJson } from '@/lib/background/sync/endpoint-request';

let server: Server;
let base: string;
const seen: { auth?: string; type?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ auth: req.headers.authorization, type: req.headers['content-type'], body });
      if (req.url === '/v1/silent') return; // never answers
      if (req.url === '/v1/refused') {
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'conflict', message: 'already resolved' } }));
        return;
      }
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      res.end('<html>proxy</html>');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

const config = () => ({ endpointUrl: base, token: 'tok-1' });

describe('endpoint requests', () => {
  it('puts routes under the base URL, with or without its last slash', () => {
    expect(endpointRoute('https://gov.example/api', 'v1/batches')).toBe(
      'https://gov.example/api/v1/batches',
    );
    expect(endpointRoute('https://gov.example/api/', 'v1/batches')).toBe(
      'https://gov.example/api/v1/batches',
    );
  });

  it('posts JSON with the token, and reads the endpoint own error message', async () => {
    const sent = await postJson(config(), `${base}/v1/refused`, { a: 1 }, { timeoutMs: 5000 });
    if (!('answered' in sent)) throw new Error(sent.unanswered);
    expect(sent.answered.status).toBe(409);
    expect(await errorMessage(sent.answered)).toBe('already resolved');
    expect(seen.at(-1)).toEqual({
      auth: 'Bearer tok-1',
      type: 'application/json',
      body: '{"a":1}',
    });
  });

  it("falls back to the status text for a proxy's HTML page", async () => {
    const sent = await postJson(config(), `${base}/v1/proxy`, {}, { timeoutMs: 5000 });
    if (!('answered' in sent)) throw new Error(sent.unanswered);
    expect(await errorMessage(sent.answered)).toBe('Bad Gateway');
  });

  it('says when no answer came in time, and when the network failed', async () => {
    const silent = await postJson(config(), `${base}/v1/silent`, {}, { timeoutMs: 1000 });
    expect(silent).toEqual({ unanswered: 'No answer within 1 s' });
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const refused = await postJson(
      config(),
      `http://127.0.0.1:${port}/v1/x`,
      {},
      { timeoutMs: 5000 },
    );
    expect('unanswered' in refused && refused.unanswered).toMatch(/^Network error: /);
  });
});
