/**
 * CORS for the extension's own pages. Only the extension origins the operator configured
 * (`FLAGPOST_EXTENSION_ORIGINS`) are answered: echoing any `chrome-extension://` origin let
 * every installed extension, hostile ones included, call the endpoint with a token it had
 * obtained. The extension itself needs none of this once the reviewer granted the
 * endpoint's host permission (extension fetches with that permission are not subject to
 * CORS); the list serves an extension page calling before it has that permission.
 */
import type { IncomingMessage } from 'node:http';
import type { Headers } from './respond';

/** A Chrome extension id (32 letters a-p) or a Firefox extension's internal UUID. */
export const EXTENSION_ORIGIN =
  /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface Cors {
  /** Headers every response carries: CORS ones for an allowed origin, `Vary` for all. */
  headers(req: IncomingMessage): Headers;
  /** Headers of a preflight (OPTIONS) answer. */
  preflight(req: IncomingMessage): Headers;
}

/** CORS for exactly these origins (checked against EXTENSION_ORIGIN by the configuration). */
export function createCors(allowedOrigins: readonly string[]): Cors {
  const allowed = new Set(allowedOrigins);
  const isAllowed = (origin: string | undefined): origin is string =>
    origin !== undefined && allowed.has(origin);
  const headers = (req: IncomingMessage): Headers => {
    const origin = req.headers.origin;
    if (!isAllowed(origin)) return { Vary: 'Origin' };
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'ETag, Retry-After',
      Vary: 'Origin',
    };
  };
  return {
    headers,
    preflight(req) {
      if (!isAllowed(req.headers.origin)) return headers(req);
      return {
        ...headers(req),
        'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
        'Access-Control-Max-Age': '600',
      };
    },
  };
}
