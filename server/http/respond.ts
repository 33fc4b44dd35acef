/** Writing responses: JSON bodies, and errors in the one shape the wire format defines. */
import type { ServerResponse } from 'node:http';
import type { ValidationIssue } from '@/lib/shared/protocol/issues';
import { issuesText } from '@/lib/shared/protocol/issues';
import type { ErrorBody, ErrorCode } from '@/lib/shared/protocol/service';

export type Headers = Record<string, string>;

/** Thrown by handlers; the app turns it into `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Headers = {},
  ) {
    super(message);
  }
}

/** A 400 whose message lists every issue with its path, e.g. `records[3].record.severity`. */
export function validationError(what: string, issues: ValidationIssue[]): HttpError {
  return new HttpError(400, 'validation_failed', `${what}: ${issuesText(issues)}`, { issues });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Headers = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Headers = {}) {
  res.writeHead(status, headers);
  res.end();
}

/** Sends `error` as an error body; its own headers (Retry-After, Allow...) win over `headers`. */
export function sendError(res: ServerResponse, error: HttpError, headers: Headers = {}) {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
  sendJson(res, error.status, body, { ...headers, ...error.headers });
}
