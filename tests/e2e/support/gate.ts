/**
 * A gate in front of the test endpoint: it forwards every request to the endpoint as it
 * came, unless the test's `intercept` answers it first (a refusal, an outage). The tests
 * point the extension at the gate's url instead of the endpoint's.
 */
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers the request itself and says true, or says false to let the gate forward it. */
export type Intercept = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface Gate {
  url: string;
  close(): Promise<void>;
}

export async function startGate(endpointUrl: string, intercept: Intercept): Promise<Gate> {
  const target = new URL(endpointUrl);
  const server = createServer((req, res) => {
    if (intercept(req, res)) return;
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      // The extension's event stream stays open through the gate: close it, or close() waits.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Answers 503 with the endpoint's error body, as an endpoint down for a while does. */
export function answerUnavailable(
  req: IncomingMessage,
  res: ServerResponse,
  message: string,
  headers: Record<string, string> = {},
): true {
  req.resume();
  res.writeHead(503, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code: 'service_unavailable', message } }));
  return true;
}
