/**
 * Finding the record that breaks a batch. One poison record (a string the endpoint cannot
 * store, or any bug of its own) made every batch that carried it fail, and the outbox
 * retried that batch for ever: nothing the reviewer flagged afterwards arrived.
 *
 * Either failure may be the endpoint's own (a 500 while its database restarts, a proxy
 * that answers 400 to everything), so an empty batch goes first: if that fails too, nothing
 * here is the records' fault and the run ends (a plain retry after a 500; after a 400, a
 * refusal the reviewer must see, rather than every record rejected). Otherwise the batch
 * is halved, depth first, until each failing record stands
 * alone; every half that goes through is delivered on the way. Depth first, so that an
 * endpoint that goes down halfway is noticed (the probe at the first lone record fails)
 * after log2(n) requests rather than n.
 */
import type { BatchItem, ItemResult } from '@/lib/shared/protocol/batch';
import type { SendOutcome } from './transport';

export interface IsolationSteps {
  /** Sends a batch as the sync run does (snapshots first). */
  send(batch: BatchItem[]): Promise<SendOutcome>;
  /** Sends an empty batch (lib/background/sync/transport.ts, probeEndpoint). */
  probe(): Promise<SendOutcome>;
  /** Applies the answers of a part that went through. */
  deliver(batch: BatchItem[], results: readonly ItemResult[]): Promise<void>;
}

export interface Isolated {
  item: BatchItem;
  reason: string;
}

export interface Isolation {
  /** Records that failed alone (5xx) while the endpoint answered an empty batch. */
  suspects: Isolated[];
  /** Records the endpoint refused alone as malformed or too large: final for them. */
  refused: Isolated[];
  /** A failure that says nothing about the records (unavailable, refused token): end the run. */
  stopped?: Exclude<SendOutcome, { kind: 'delivered' }>;
}

export type RecordFailure = Extract<SendOutcome, { kind: 'server-error' | 'invalid' }>;

export async function isolateFailure(
  batch: readonly BatchItem[],
  failure: RecordFailure,
  steps: IsolationSteps,
): Promise<Isolation> {
  const result: Isolation = { suspects: [], refused: [] };
  const control = await steps.probe();
  if (control.kind !== 'delivered') {
    if (failure.kind === 'server-error' || control.kind === 'retry')
      return { ...result, stopped: failure.kind === 'server-error' ? failure : control };
    return { ...result, stopped: { kind: 'refused', reason: control.reason } };
  }
  const stack: { items: BatchItem[]; known?: SendOutcome; resent?: true }[] = [
    { items: [...batch], known: failure },
  ];
  for (let part = stack.pop(); part; part = stack.pop()) {
    const { items } = part;
    const outcome = part.known ?? (await steps.send(items));
    if (outcome.kind === 'delivered') {
      await steps.deliver(items, outcome.response.results);
      continue;
    }
    // A dropped connection or a busy moment loses one step, not the whole search: that part
    // goes once more (ingest is idempotent). A second failure, or a Retry-After, ends the run.
    if (outcome.kind === 'retry' && outcome.retryAfterMs === undefined && !part.resent) {
      stack.push({ items, resent: true });
      continue;
    }
    if (outcome.kind === 'retry' || outcome.kind === 'refused')
      return { ...result, stopped: outcome };
    if (items.length > 1) {
      const middle = Math.ceil(items.length / 2);
      stack.push({ items: items.slice(middle) }, { items: items.slice(0, middle) });
      continue;
    }
    const [item] = items;
    if (!item) continue;
    if (outcome.kind !== 'server-error') {
      result.refused.push({ item, reason: outcome.reason });
      continue;
    }
    // Alone and failing: the record, unless the endpoint now fails on anything.
    if ((await steps.probe()).kind !== 'delivered') return { ...result, stopped: outcome };
    result.suspects.push({ item, reason: outcome.reason });
  }
  return result;
}
