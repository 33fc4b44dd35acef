/**
 * Reading request bodies with a byte limit enforced while streaming, so an oversized body
 * is refused (413) without being buffered, whatever its Content-Length claims.
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

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away mid-body: nothing to answer, but not the endpoint's fault either.
    throw new HttpError(400, 'bad_request', 'The request body was cut off.');
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
