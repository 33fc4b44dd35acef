/**
 * Before a batch goes out, the snapshots its flags cite go first (`PUT /v1/evidence/{sha}`),
 * so the endpoint never holds a flag whose image it lacks. The endpoint is idempotent by
 * hash; `uploaded` remembers what this worker already sent to skip repeats within its life.
 * A snapshot missing on this device is skipped (the flag still goes: it carries the hash).
 */

import type { FlagpostDb } from '@/lib/background/store/db';
import { snapshotHashOf } from '@/lib/shared/evidence/snapshot-link';
import type { BatchItem } from '@/lib/shared/protocol/batch';
import { type EndpointConfig, isServerFailure, type SendOutcome } from './transport';

const uploaded = new Set<string>();

export function evidenceUrl(endpointUrl: string, sha256: string): string {
  const base = endpointUrl.endsWith('/') ? endpointUrl : `${endpointUrl}/`;
  return new URL(`v1/evidence/${sha256}`, base).href;
}

/** undefined: every snapshot is at the endpoint; otherwise why the batch must wait. */
export async function uploadBatchEvidence(
  db: FlagpostDb,
  config: EndpointConfig,
  batch: readonly BatchItem[],
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<Extract<SendOutcome, { kind: 'retry' | 'refused' | 'server-error' }> | undefined> {
  const hashes: string[] = [];
  for (const item of batch) {
    if (item.type !== 'flag') continue;
    const hash = snapshotHashOf(item.record.evidence);
    if (hash) hashes.push(hash);
  }
  return uploadSnapshots(db, config, hashes, options);
}

/**
 * `PUT /v1/evidence/{sha}` for each snapshot named (an escalation's, a batch's) not yet sent
 * by this worker: undefined when every one is at the endpoint (or will never be taken, or
 * is not on this device), otherwise why what cites them must wait.
 */
export async function uploadSnapshots(
  db: FlagpostDb,
  config: EndpointConfig,
  names: Iterable<string>,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<Extract<SendOutcome, { kind: 'retry' | 'refused' | 'server-error' }> | undefined> {
  const doFetch = options.fetch ?? fetch;
  const hashes = new Set<string>();
  for (const hash of names) if (!uploaded.has(`${config.endpointUrl} ${hash}`)) hashes.add(hash);
  for (const hash of hashes) {
    const row = await db.evidence.get(hash);
    if (!row) continue;
    let response: Response;
    try {
      response = await doFetch(evidenceUrl(config.endpointUrl, hash), {
        method: 'PUT',
        headers: { 'content-type': row.mimeType, authorization: `Bearer ${config.token}` },
        body: row.bytes,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      return { kind: 'retry', reason: `Snapshot upload failed: ${String(error)}` };
    }
    if (response.ok) {
      uploaded.add(`${config.endpointUrl} ${hash}`);
      continue;
    }
    const reason = `Snapshot upload answered ${response.status}`;
    if (response.status === 401 || response.status === 403) return { kind: 'refused', reason };
    // A snapshot the endpoint will never take (too large, wrong type) must not hold the
    // flags back forever: the flag goes with its hash; the image stays on this device.
    if (response.status === 400 || response.status === 413 || response.status === 415) continue;
    // The endpoint failed on this snapshot: the batch may be bisected down to its flag.
    if (isServerFailure(response.status)) return { kind: 'server-error', reason };
    return { kind: 'retry', reason };
  }
  return undefined;
}
