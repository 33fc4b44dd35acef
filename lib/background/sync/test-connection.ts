/**
 * "Test connection" in the settings: reaches the endpoint's health check, then proves the
 * token with an empty batch (authenticated, and it changes nothing).
 */
import { healthSchema } from '@/lib/shared/protocol/service';
import { sendBatch } from './transport';

export interface ConnectionResult {
  ok: boolean;
  message: string;
}

export async function testConnection(
  endpointUrl: string,
  token: string | undefined,
  doFetch: typeof fetch = fetch,
): Promise<ConnectionResult> {
  if (!endpointUrl) return { ok: false, message: 'No endpoint URL is set.' };
  if (!token) return { ok: false, message: 'No token is set.' };
  const base = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`;
  try {
    const response = await doFetch(new URL('v1/health', base), {
      signal: AbortSignal.timeout(10_000),
    });
    const health = healthSchema.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !health.success)
      return {
        ok: false,
        message: `${endpointUrl} answered HTTP ${response.status}, not a Flagpost governance endpoint.`,
      };
  } catch (error) {
    return {
      ok: false,
      message: `Cannot reach ${endpointUrl}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const outcome = await sendBatch({ endpointUrl, token }, [], {
    timeoutMs: 10_000,
    fetch: doFetch,
  });
  if (outcome.kind === 'delivered')
    return { ok: true, message: `Connected to ${endpointUrl}; the token is accepted.` };
  if (outcome.kind === 'refused')
    return { ok: false, message: `The endpoint refused the token (${outcome.reason}).` };
  return { ok: false, message: `The endpoint did not accept a test batch (${outcome.reason}).` };
}
