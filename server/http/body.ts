/**
 * Reading request bodies with a byte limit enforced while streaming, so an oversized body
 * is refused (413) without being buffered, whatever its Content-Length claims, and with a
 * deadline, so a client that trickles its body (one byte a second, with a valid token)
 * cannot hold a connection and a handler for minutes: it gets 408 and the connection closes.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { describeIssues } from '@/lib/shared/protocol/issues';
import { HttpError, validationError } from './respond';

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, {
    limitBytes: limit,
  });
}

/** When each request's body must have arrived (ms since the epoch), set by the pipeline. */
const deadlines = new WeakMap<IncomingMessage, number>();

/** The body of `req` must have arrived within `ms` from now. */
export function setBodyDeadline(req: IncomingMessage, ms: number): void {
  deadlines.set(req, Date.now() + ms);
}

function timedOut(): HttpError {
  return new HttpError(408, 'request_timeout', 'The request body did not arrive in time.');
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  const deadline = deadlines.get(req);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (deadline !== undefined)
      timer = setTimeout(() => reject(timedOut()), Math.max(0, deadline - Date.now()));
  });
  expired.catch(() => undefined); // raced below; unobserved when the body arrives in time
  const read = async () => {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(buffer);
    }
  };
  const reading = read();
  reading.catch(() => undefined); // a late failure after the deadline has nobody to tell
  try {
    await Promise.race([reading, expired]);
  } catch (error) {
    if (error instanceof HttpError) {
      // Stop reading what is still arriving; the error answer closes the connection.
      req.pause();
      throw error;
    }
    // The client went away mid-body: nothing to answer, but not the endpoint's fault either.
    throw new HttpError(400, 'bad_request', 'The request body was cut off.');
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

/** The body as JSON: 415 unless it says it is JSON, 400 when it is not valid JSON. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'The body must be application/json.');
  }
  const text = (await readBody(req, limit)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON: ${reason}`);
  }
}

/** Parses `value` with `schema`, or throws a 400 naming each path under `root`. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  root = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(what, describeIssues(result.error, root));
  return result.data;
}
