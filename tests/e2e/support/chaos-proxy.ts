/**
 * A proxy in front of the real governance endpoint that injects the failures real networks
 * and endpoints produce: 5xx, 429 with Retry-After, answers slower than the client waits,
 * connections dropped before and after the endpoint stored the batch, and 413 beyond a
 * smaller batch limit than the protocol's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'pass' | '503' | '429' | 'slow' | 'drop-before' | 'drop-after';

export interface ChaosProxy {
  url: string;
  /** How many batch requests met each fault (413s counted separately). */
  counts: Record<Fault | '413', number>;
  /** Batch requests whose client went away before the answer (e.g. worker stopped). */
  abandoned: number;
  close(): Promise<void>;
}

export interface ChaosOptions {
  target: string;
  /** The fault for the n-th batch request (0-based). */
  plan: (n: number) => Fault;
  maxRecords: number;
  slowMs: number;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

function cors(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'ETag, Retry-After',
      }
    : {};
}

function injected(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...cors(req), ...extra });
  res.end(JSON.stringify({ error: { code: 'injected', message: `injected ${status}` } }));
}

async function forward(target: string, req: IncomingMessage, body: Buffer) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string' && name !== 'host' && name !== 'content-length')
      headers.set(name, value);
  const response = await fetch(new URL(req.url ?? '/', target), {
    method: req.method ?? 'GET',
    headers,
    ...(body.length ? { body: new Uint8Array(body) } : {}),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function startChaosProxy(options: ChaosOptions): Promise<ChaosProxy> {
  const counts: ChaosProxy['counts'] = {
    pass: 0,
    '503': 0,
    '429': 0,
    slow: 0,
    'drop-before': 0,
    'drop-after': 0,
    '413': 0,
  };
  let batchRequests = 0;
  const proxy: ChaosProxy = { url: '', counts, abandoned: 0, close: async () => {} };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const isBatch = req.method === 'POST' && req.url === '/v1/batches';
    res.on('close', () => {
      if (isBatch && !res.writableFinished) proxy.abandoned++;
    });
    const send = (answer: Awaited<ReturnType<typeof forward>>) => {
      if (res.destroyed) return;
      const {
        'content-length': _len,
        'content-encoding': _enc,
        'transfer-encoding': _te,
        ...headers
      } = answer.headers;
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    };
    if (!isBatch) return send(await forward(options.target, req, body));

    let records = 0;
    try {
      records = (JSON.parse(body.toString('utf8')) as { records: unknown[] }).records.length;
    } catch {
      // let the endpoint answer a malformed body itself
    }
    if (records > options.maxRecords) {
      counts['413']++;
      return injected(req, res, 413);
    }
    const fault = options.plan(batchRequests++);
    counts[fault]++;
    switch (fault) {
      case '503':
        return injected(req, res, 503);
      case '429':
        return injected(req, res, 429, { 'retry-after': '1' });
      case 'drop-before':
        return req.socket.destroy();
      case 'drop-after':
        await forward(options.target, req, body);
        return req.socket.destroy();
      case 'slow': {
        const answer = await forward(options.target, req, body);
        await new Promise((r) => setTimeout(r, options.slowMs));
        return send(answer);
      }
      case 'pass':
        return send(await forward(options.target, req, body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
