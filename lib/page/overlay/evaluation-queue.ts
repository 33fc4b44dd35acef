/**
 * Asks the background's policy engine about items in batches: items are queued as they come
 * near the viewport and sent together, at most MAX_ITEMS_PER_EVALUATION per message. Results
 * are remembered by input, so an item seen again (after a navigation back, a rescan) is not
 * sent again while this content script lives.
 */
import { MAX_ITEMS_PER_EVALUATION } from '@/lib/messaging/limits';
import type { PolicyInput } from '@/lib/shared/policy/types';
import { type ChunkedQueueOptions, createChunkedQueue } from './chunked-queue';
import { inputSignature } from './policy-input';

export interface EvaluatedFinding {
  policyId: string;
  ruleId: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: string;
  evidence: Array<{ field: string; start: number; end: number; text: string }>;
}

export type Evaluate<F> = (
  items: Array<{ key: string; input: PolicyInput }>,
) => Promise<Array<{ key: string; findings: EvaluatedFinding[]; flags: F[] }>>;

/**
 * `flags`: what the reviewer already recorded on the item, fresh from the database with
 * the first answer; undefined when the findings came from the cache (the mount keeps what
 * it had).
 */
export type EvaluationResult<F> =
  | { ok: true; findings: EvaluatedFinding[]; flags?: F[] }
  | { ok: false; error: string };

/**
 * Inputs remembered at most. Each entry is keyed by the item's whole input (its texts), so
 * the bound is what keeps a long feed's heap flat: at 5,000 the heap of a virtualising feed
 * grew by half between 1,000 and 10,000 cards (overlay budgets bench, issue 20). Past the
 * bound the oldest entry goes, so the cache stays at the bound instead of saw-toothing.
 */
export const CACHE_LIMIT = 500;
/** Gathers the items that come near together (one scroll) into one message. */
export const EVALUATION_DELAY_MS = 30;

/** Results by input signature, shared by the page views of one content script. */
export function createEvaluationCache() {
  return new Map<string, EvaluatedFinding[]>();
}

export function createEvaluationQueue<F>(
  evaluate: Evaluate<F>,
  cache: Map<string, EvaluatedFinding[]>,
  signal: AbortSignal,
  chunks?: ChunkedQueueOptions,
) {
  /** `signature`: the input's, computed once for the cache look-up and kept for the answer. */
  type Waiting = { input: PolicyInput; signature: string; done: (r: EvaluationResult<F>) => void };
  const waiting = new Map<string, Waiting>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The answers of one message are drawn (badge, chip, marks) in chunks of a few ms that
   * let the page in between (chunked-queue.ts); none is drawn once the signal aborts. They
   * are queued together: queued one at a time, each was handled at once in its own chunk,
   * and a message's answers all ran in one task, however many.
   */
  const answers = createChunkedQueue<() => void>((answer) => answer(), signal, chunks);
  signal.addEventListener('abort', () => timer !== undefined && clearTimeout(timer), {
    once: true,
  });

  const sendBatch = async (batch: Array<[string, Waiting]>) => {
    try {
      const results = await evaluate(batch.map(([key, { input }]) => ({ key, input })));
      const byKey = new Map(results.map((r) => [r.key, r]));
      const answered: Array<() => void> = [];
      for (const [key, { signature, done }] of batch) {
        const result = byKey.get(key);
        const findings = result?.findings ?? [];
        cache.delete(signature);
        cache.set(signature, findings);
        // A Map keeps insertion order: its first key is the oldest.
        if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        answered.push(() => done({ ok: true, findings, flags: result?.flags ?? [] }));
      }
      answers.push(...answered);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      answers.push(
        ...batch.map(
          ([, { done }]) =>
            () =>
              done({ ok: false, error: message }),
        ),
      );
    }
  };

  const flush = () => {
    timer = undefined;
    const all = [...waiting];
    waiting.clear();
    for (let i = 0; i < all.length; i += MAX_ITEMS_PER_EVALUATION)
      void sendBatch(all.slice(i, i + MAX_ITEMS_PER_EVALUATION));
  };

  return {
    /** Evaluates `input` for `key`; answers at once from the cache when it can. */
    request(key: string, input: PolicyInput, done: (result: EvaluationResult<F>) => void): void {
      const signature = inputSignature(input);
      const cached = cache.get(signature);
      if (cached) {
        done({ ok: true, findings: cached });
        return;
      }
      waiting.set(key, { input, signature, done });
      timer ??= setTimeout(flush, EVALUATION_DELAY_MS);
    },
    cancel(key: string): void {
      waiting.delete(key);
    },
  };
}
