/**
 * Fetching one creator's history from the governance endpoint (same base URL and bearer
 * token as sync), validated with the protocol's schema before anything is cached: a proxy's
 * error page or a half-written answer never replaces a good cached history.
 */

import type { Clock } from '@/lib/background/store/clock';
import { saveCreatorHistory } from '@/lib/background/store/creator-history-repo';
import type { FlagpostDb } from '@/lib/background/store/db';
import type { CreatorRef } from '@/lib/shared/protocol/history';
import { type CreatorHistory, creatorHistorySchema } from '@/lib/shared/protocol/history';
import { creatorKey } from '@/lib/shared/protocol/records';
import type { EndpointConfig } from './transport';

export type HistoryOutcome =
  | { kind: 'fetched'; history: CreatorHistory }
  | { kind: 'failed'; reason: string };

export function creatorHistoryUrl(endpointUrl: string, ref: CreatorRef): string {
  const base = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`;
  const path = `v1/creators/${encodeURIComponent(ref.platform)}/${encodeURIComponent(ref.creatorId)}/history`;
  return new URL(path, base).href;
}

export async function fetchCreatorHistory(
  config: EndpointConfig,
  ref: CreatorRef,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<HistoryOutcome> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(creatorHistoryUrl(config.endpointUrl, ref), {
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    return {
      kind: 'failed',
      reason: `Network error: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}` };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'failed', reason: 'The endpoint sent an unreadable answer' };
  }
  const parsed = creatorHistorySchema.safeParse(body);
  if (!parsed.success) return { kind: 'failed', reason: 'The endpoint sent an invalid history' };
  const about = parsed.data.creator;
  if (about.platform !== ref.platform || about.creatorId !== ref.creatorId)
    return { kind: 'failed', reason: 'The endpoint answered about another creator' };
  return { kind: 'fetched', history: parsed.data };
}

/** Fetches and caches; on failure the cached history (if any) stays as it was. */
export async function refreshCreatorHistory(
  db: FlagpostDb,
  config: EndpointConfig,
  ref: CreatorRef,
  options: { timeoutMs: number; clock: Clock; fetch?: typeof fetch },
): Promise<HistoryOutcome> {
  const outcome = await fetchCreatorHistory(config, ref, options);
  if (outcome.kind === 'fetched')
    await saveCreatorHistory(db, creatorKey(ref), outcome.history, options.clock());
  return outcome;
}
