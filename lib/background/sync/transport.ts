/**
 * One batch over HTTP, and what the answer means for the sync loop. Every response is
 * validated: a proxy's HTML error page or a truncated body is a retryable failure, never
 * a reason to mark records delivered.
 */
import {
  type BatchItem,
  type BatchResponse,
  batchResponseSchema,
} from '@/lib/shared/protocol/batch';
import { parseRetryAfter } from './backoff';
import { endpointRoute, errorMessage, postJson } from './endpoint-request';

export interface EndpointConfig {
  /** Base URL, e.g. https://governance.example.com (routes live under /v1). */
  endpointUrl: string;
  token: string;
}

export type SendOutcome =
  | { kind: 'delivered'; response: BatchResponse }
  /** Try again later: network, timeout, 429, 502-504 (unavailable), invalid answer. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /**
   * The endpoint answered but failed (500 and the other 5xx): a record of the batch may be
   * what breaks it. Retried, then bisected if it keeps failing (lib/background/sync/isolate.ts).
   */
  | { kind: 'server-error'; reason: string; retryAfterMs?: number }
  /** 400 or 422: the endpoint refused the batch as malformed; bisected at once. */
  | { kind: 'invalid'; reason: string }
  /** The batch is too large for this endpoint: split it. */
  | { kind: 'too-large'; reason: string }
  /** Nothing will work until the reviewer changes settings (bad token, wrong URL). */
  | { kind: 'refused'; reason: string };

export interface TransportOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export function batchesUrl(endpointUrl: string): string {
  return endpointRoute(endpointUrl, 'v1/batches');
}

export async function sendBatch(
  config: EndpointConfig,
  records: readonly BatchItem[],
  options: TransportOptions,
): Promise<SendOutcome> {
  const now = options.now ?? Date.now;
  const sent = await postJson(config, batchesUrl(config.endpointUrl), { records }, options);
  if ('unanswered' in sent) return { kind: 'retry', reason: sent.unanswered };
  const response = sent.answered;
  const status = response.status;
  if (status === 200) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { kind: 'retry', reason: 'The endpoint sent an unreadable answer' };
    }
    const parsed = batchResponseSchema.safeParse(body);
    const matches =
      parsed.success &&
      parsed.data.results.length === records.length &&
      parsed.data.results.every(
        (r, i) => r.id === records[i]?.record.id && r.type === records[i]?.type,
      );
    if (!parsed.success || !matches)
      return { kind: 'retry', reason: 'The endpoint sent an answer that does not match the batch' };
    return { kind: 'delivered', response: parsed.data };
  }
  const reason = `HTTP ${status}: ${await errorMessage(response)}`;
  if (status === 413) return { kind: 'too-large', reason };
  if (status === 401 || status === 403 || status === 404) return { kind: 'refused', reason };
  if (status === 400 || status === 422) return { kind: 'invalid', reason };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
  const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
  return isServerFailure(status)
    ? { kind: 'server-error', reason, ...wait }
    : { kind: 'retry', reason, ...wait };
}

/**
 * A 5xx that the endpoint itself may have answered because of what it was sent. 502, 503
 * and 504 say the endpoint (or the way to it) is unavailable, whatever the batch holds.
 */
export const isServerFailure = (status: number) =>
  status >= 500 && status <= 599 && status !== 502 && status !== 503 && status !== 504;

/**
 * An empty batch: the same route, token and database transaction as a real one, with no
 * record in it. When a batch fails and this succeeds, the endpoint is up and the batch's
 * content is what fails.
 */
export function probeEndpoint(config: EndpointConfig, options: TransportOptions) {
  return sendBatch(config, [], options);
}
