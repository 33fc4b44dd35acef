/**
 * One escalation over HTTP. The answer is validated: only a 200/201 carrying this very
 * escalation counts as delivered, so nothing is marked delivered on a proxy's error page.
 */
import { endpointRoute, errorMessage, postJson } from '@/lib/background/sync/endpoint-request';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import {
  type Escalation,
  type EscalationCreate,
  escalationSchema,
} from '@/lib/shared/protocol/escalations';

export type EscalationSendOutcome =
  | { kind: 'delivered'; escalation: Escalation }
  /** Network, timeout, 408, 429, 5xx, an unreadable answer: the lane tries again soon. */
  | { kind: 'retry'; reason: string }
  /** Sending again will not help (400, 401, 403, 404, 409, 413): the reviewer must act. */
  | { kind: 'refused'; reason: string };

export const escalationsUrl = (endpointUrl: string, path = '') =>
  endpointRoute(endpointUrl, `v1/escalations${path}`);

const REFUSED = new Set([400, 401, 403, 404, 409, 413, 415, 422]);

export async function sendEscalation(
  config: EndpointConfig,
  escalation: EscalationCreate,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<EscalationSendOutcome> {
  const sent = await postJson(config, escalationsUrl(config.endpointUrl), escalation, options);
  if ('unanswered' in sent) return { kind: 'retry', reason: sent.unanswered };
  const response = sent.answered;
  if (response.status === 200 || response.status === 201) {
    const parsed = escalationSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.id !== escalation.id)
      return { kind: 'retry', reason: 'The endpoint sent an answer that is not this escalation' };
    return { kind: 'delivered', escalation: parsed.data };
  }
  const reason = `HTTP ${response.status}: ${await errorMessage(response)}`;
  return REFUSED.has(response.status) ? { kind: 'refused', reason } : { kind: 'retry', reason };
}
