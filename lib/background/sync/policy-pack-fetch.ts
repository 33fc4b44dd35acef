/**
 * Asks the governance endpoint for its current policy pack, with the last ETag so an
 * unchanged pack costs one 304. The envelope is validated here; the pack inside is
 * validated (and its signature checked) by the policy engine before it is used.
 */
import { policyPackEnvelopeSchema } from '@/lib/shared/protocol/service';
import type { EndpointConfig } from './transport';

export type PackFetch =
  | { kind: 'new'; pack: unknown; version: string; etag: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; reason: string };

export async function fetchPolicyPack(
  config: EndpointConfig,
  etag: string | undefined,
  doFetch: typeof fetch = fetch,
): Promise<PackFetch> {
  const base = config.endpointUrl.endsWith('/') ? config.endpointUrl : `${config.endpointUrl}/`;
  let response: Response;
  try {
    response = await doFetch(new URL('v1/policy-pack', base), {
      headers: {
        authorization: `Bearer ${config.token}`,
        ...(etag ? { 'if-none-match': etag } : {}),
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return {
      kind: 'failed',
      reason: `Cannot reach the endpoint: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (response.status === 404)
    return { kind: 'failed', reason: 'The endpoint has no policy pack published.' };
  if (!response.ok)
    return { kind: 'failed', reason: `The endpoint answered HTTP ${response.status}.` };
  const envelope = policyPackEnvelopeSchema.safeParse(await response.json().catch(() => undefined));
  if (!envelope.success)
    return {
      kind: 'failed',
      reason: 'The endpoint sent something that is not a policy pack envelope.',
    };
  return {
    kind: 'new',
    pack: envelope.data.pack,
    version: envelope.data.version,
    etag: envelope.data.etag,
  };
}
