/**
 * What the extension's requests to the governance endpoint share: a route under the
 * configured base URL, the reviewer's token, a deadline, and the words for a request that got
 * no answer or an error answer. The callers (transport.ts, send-escalation.ts) say what each
 * answer means for them.
 */
import type { EndpointConfig } from './transport';

/** A route (e.g. `v1/batches`) under the endpoint's base URL, with or without its last slash. */
export const endpointRoute = (endpointUrl: string, route: string): string =>
  new URL(route, endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`).href;

export type PostOutcome =
  | { answered: Response }
  /** No answer: a network error or none within the deadline, in words. */
  | { unanswered: string };

/** POSTs `body` as JSON with the reviewer's token, waiting at most `timeoutMs`. */
export async function postJson(
  config: EndpointConfig,
  url: string,
  body: unknown,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<PostOutcome> {
  const doFetch = options.fetch ?? fetch;
  try {
    const answered = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return { answered };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      unanswered: timedOut
        ? `No answer within ${Math.round(options.timeoutMs / 1000)} s`
        : `Network error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** The endpoint's own error message (errorBodySchema), or the status text if it sent none. */
export async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message.slice(0, 500);
  } catch {
    // not JSON: the status text says what there is to say
  }
  return response.statusText || 'no reason given';
}
