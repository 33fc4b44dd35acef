/**
 * The request pipeline every route goes through: CORS and preflight, routing, bearer
 * authentication (failures limited per client address), per-token rate limiting, the
 * handler with a deadline for its body, error bodies, and one log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, hasRole, type Principal } from '../auth/tokens';
import type { Database } from '../db/database';
import type { RateLimitStore } from '../shared-state/rate-limit-store';
import { setBodyDeadline } from './body';
import type { Cors } from './cors';
import type { Logger } from './log';
import { HttpError, sendEmpty, sendError, sendJson } from './respond';
import type { Match, Reply, Route } from './router';

export interface PipelineOptions {
  db: Database;
  route: (method: string, path: string) => Match;
  /** Per token; shared by every instance on the database (see server/shared-state). */
  limiter: RateLimitStore | undefined;
  /**
   * Failed authentications per client address. Checked before the token is looked up, so
   * guessing tokens costs the endpoint no query once an address has used up its failures.
   */
  authFailures: RateLimitStore | undefined;
  cors: Cors;
  /** How long a request body may take to arrive. */
  bodyTimeoutMs: number;
  log: Logger;
  /** True once shutdown began: responses then close their connection. */
  draining: () => boolean;
}

async function authorise(
  opts: PipelineOptions,
  req: IncomingMessage,
  route: Route,
): Promise<Principal | undefined> {
  if (route.access === 'public') return undefined;
  // Behind a reverse proxy every client shares the proxy's address: see server/README.md.
  const address = req.socket.remoteAddress ?? 'unknown';
  const gate = await opts.authFailures?.check(address);
  if (gate && !gate.allowed) {
    throw new HttpError(
      429,
      'rate_limited',
      `Too many failed authentications from this address; retry in ${gate.retryAfterSeconds} s.`,
      { retryAfterSeconds: gate.retryAfterSeconds },
      { 'Retry-After': String(gate.retryAfterSeconds) },
    );
  }
  const principal = await authenticate(opts.db, req.headers.authorization);
  if (!principal) {
    await opts.authFailures?.take(address);
    throw new HttpError(
      401,
      'unauthorized',
      'A valid bearer token is required (Authorization: Bearer <token>).',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="flagpost"' },
    );
  }
  if (!hasRole(principal.role, route.access)) {
    throw new HttpError(
      403,
      'forbidden',
      `This action needs ${route.access === 'admin' ? 'an admin' : 'a lead or admin'} token; ${principal.reviewer}'s is a ${principal.role} token.`,
    );
  }
  const decision = await opts.limiter?.take(principal.tokenId);
  if (decision && !decision.allowed) {
    throw new HttpError(
      429,
      'rate_limited',
      `Too many requests for this token; retry in ${decision.retryAfterSeconds} s.`,
      { retryAfterSeconds: decision.retryAfterSeconds },
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }
  return principal;
}

async function dispatch(
  opts: PipelineOptions,
  req: IncomingMessage,
  url: URL,
  state: { principal?: Principal },
): Promise<Reply> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') return { status: 204, headers: opts.cors.preflight(req) };
  const match = opts.route(method === 'HEAD' ? 'GET' : method, url.pathname);
  if (match.kind === 'not-found') {
    throw new HttpError(404, 'not_found', `No route ${method} ${url.pathname}.`);
  }
  if (match.kind === 'wrong-method') {
    const allow = [...match.allowed, 'OPTIONS'].join(', ');
    throw new HttpError(
      405,
      'method_not_allowed',
      `${method} is not allowed here; use ${allow}.`,
      undefined,
      { Allow: allow },
    );
  }
  state.principal = await authorise(opts, req, match.route);
  return match.route.handle({
    req,
    url,
    params: match.params,
    db: opts.db,
    principal: state.principal,
  });
}

export function createPipeline(opts: PipelineOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const state: { principal?: Principal } = {};
    setBodyDeadline(req, opts.bodyTimeoutMs);
    const base = {
      ...opts.cors.headers(req),
      // No response is ever to be sniffed into another type (an evidence image as HTML).
      'X-Content-Type-Options': 'nosniff',
      ...(opts.draining() ? { Connection: 'close' } : {}),
    };
    let errorMessage: string | undefined;
    try {
      const reply = await dispatch(opts, req, url, state);
      const headers = { ...base, ...reply.headers };
      if (reply.stream) {
        res.writeHead(reply.status, headers);
        reply.stream(res, opts.draining);
      } else if (reply.raw) {
        res.writeHead(reply.status, { ...headers, 'Content-Length': reply.raw.length });
        res.end(reply.raw);
      } else if (reply.body === undefined) sendEmpty(res, reply.status, headers);
      else sendJson(res, reply.status, reply.body, headers);
    } catch (caught) {
      const error =
        caught instanceof HttpError
          ? caught
          : new HttpError(500, 'internal_error', 'The endpoint failed; see its log.');
      if (!(caught instanceof HttpError)) {
        errorMessage = caught instanceof Error ? (caught.stack ?? caught.message) : String(caught);
      }
      // A body we refused may still be arriving: close rather than read it to the end.
      const close = error.status === 413 || !req.complete ? { Connection: 'close' } : {};
      if (!res.headersSent) sendError(res, error, { ...base, ...close });
      else res.end();
    }
    opts.log({
      msg: 'request',
      method: req.method,
      path: url.pathname,
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
      reviewer: state.principal?.reviewer ?? null,
      ...(errorMessage ? { error: errorMessage } : {}),
    });
  };
}
