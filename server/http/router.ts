/**
 * A route table: method, path template (`/v1/creators/{platform}/{creatorId}/history`),
 * who may call it, and a handler that returns a reply instead of writing one, so the app
 * applies CORS, logging and error shapes in one place.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/tokens';
import type { Database } from '../db/database';
import { type Headers, HttpError } from './respond';

export interface Reply {
  status: number;
  /** Sent as JSON; no body when undefined. */
  body?: unknown;
  /** Sent as is (binary: evidence images), with the Content-Type the headers give. */
  raw?: Buffer;
  /**
   * A long-lived stream (Server-Sent Events): called after the head is written; it ends
   * `res`, and must end it soon once `draining()` is true, or shutdown waits for it.
   */
  stream?: (res: ServerResponse, draining: () => boolean) => void;
  headers?: Headers;
}

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  db: Database;
  /** Present on every route whose access is not `public`. */
  principal?: Principal;
}

/** Who may call a route: anyone, or a token of this role or above (reviewer < lead < admin). */
export type Access = 'public' | 'reviewer' | 'lead' | 'admin';

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  access: Access;
  handle: (ctx: RequestContext) => Promise<Reply>;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'not-found' };

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(
      400,
      'bad_request',
      `Path parameter ${name} is not valid percent-encoding.`,
    );
  }
}

export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match {
  const compiled = routes.map(compile);
  return (method, path) => {
    const allowed: string[] = [];
    for (const route of compiled) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeSegment(found[i + 1] ?? '', name);
      });
      return { kind: 'found', route, params };
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' };
  };
}
