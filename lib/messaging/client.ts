/**
 * Sending side, for content scripts and extension pages: sends a named request and turns
 * the answer's error envelope into a thrown MessageError, so callers handle one kind of
 * failure.
 *
 * It validates nothing with schemas, on purpose. Validation happens once, at the
 * privileged end: the background's router (router.ts) checks every request against the
 * message map before any handler runs and every response before it leaves, with the same
 * schemas, and answers a bad request with the field at fault. Re-checking here would only
 * repeat that work and load Zod and every schema into the content script, which runs on
 * every page the reviewer opens. Only the types come from the map.
 */
import { browser } from 'wxt/browser';
import { isErrorCode, MessageError } from './errors';
import type { MessageName, RequestOf, ResponseOf } from './message-map';

interface Failure {
  ok: false;
  error: { code: unknown; message: unknown };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function failureOf(raw: Record<string, unknown>): Failure | undefined {
  return raw.ok === false && isRecord(raw.error) ? (raw as unknown as Failure) : undefined;
}

export async function send<N extends MessageName>(
  name: N,
  request: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const raw: unknown = await browser.runtime.sendMessage({ flagpost: 1, name, request });
  if (!isRecord(raw)) throw new MessageError('internal', `No valid answer to "${name}".`);
  if (raw.ok === true && 'data' in raw) return raw.data as ResponseOf<N>;
  const failure = failureOf(raw);
  if (!failure) throw new MessageError('internal', `No valid answer to "${name}".`);
  const { code, message } = failure.error;
  throw new MessageError(
    isErrorCode(code) ? code : 'internal',
    typeof message === 'string' ? message : `"${name}" failed.`,
  );
}
