/**
 * CORS for the extension's own pages. Extension origins are opaque ids, so the allowed
 * origin is echoed back rather than listed; web pages' origins never match.
 */
import type { IncomingMessage } from 'node:http';
import type { Headers } from './respond';

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin);
}

/** Headers every response to an extension origin carries. */
export function corsHeaders(req: IncomingMessage): Headers {
  const origin = req.headers.origin;
  if (!isExtensionOrigin(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    Vary: 'Origin',
  };
}

/** Headers of a preflight (OPTIONS) answer. */
export function preflightHeaders(req: IncomingMessage): Headers {
  if (!isExtensionOrigin(req.headers.origin)) return corsHeaders(req);
  return {
    ...corsHeaders(req),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
    'Access-Control-Max-Age': '600',
  };
}
