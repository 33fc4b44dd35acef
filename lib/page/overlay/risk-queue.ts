/**
 * Creator risk for the chips, asked for in batches: the creators that come near the
 * viewport together go in one `creators.risk` message (at most 500), and each creator is
 * asked about once per page view, however many of their items the page shows. Every
 * request is answered, with undefined when there is no risk to show (no answer, an error):
 * an item draws its badge once it has both its findings and its chip's answer.
 */
import { EVALUATION_DELAY_MS } from './evaluation-queue';
export interface CreatorRef {
  platform: string;
  creatorId: string;
}

export interface CreatorRisk extends CreatorRef {
  score: number;
  band: 'low' | 'elevated' | 'high' | 'critical';
  trend: 'up' | 'flat' | 'down';
}

export type FetchRisks = (creators: CreatorRef[]) => Promise<CreatorRisk[]>;

const MAX_PER_MESSAGE = 500;
/** The same window as the evaluations': an item's two questions leave together. */
const BATCH_DELAY_MS = EVALUATION_DELAY_MS;
const keyOf = (ref: CreatorRef) => `${ref.platform}:${ref.creatorId}`;

export function createRiskQueue(fetchRisks: FetchRisks, signal: AbortSignal) {
  const known = new Map<string, CreatorRisk>();
  const waiting = new Map<
    string,
    { ref: CreatorRef; listeners: ((risk: CreatorRisk | undefined) => void)[] }
  >();
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => timer !== undefined && clearTimeout(timer), {
    once: true,
  });

  const flush = () => {
    timer = undefined;
    const all = [...waiting.values()];
    waiting.clear();
    for (let i = 0; i < all.length; i += MAX_PER_MESSAGE) {
      const batch = all.slice(i, i + MAX_PER_MESSAGE);
      fetchRisks(batch.map((w) => w.ref))
        // A chip is a hint: without an answer the item simply shows none.
        .catch(() => [] as CreatorRisk[])
        .then((risks) => {
          if (signal.aborted) return;
          const byKey = new Map(risks.map((r) => [keyOf(r), r]));
          for (const { ref, listeners } of batch) {
            const risk = byKey.get(keyOf(ref));
            if (risk) known.set(keyOf(ref), risk);
            for (const listener of listeners) listener(risk);
          }
        });
    }
  };

  return {
    request(ref: CreatorRef, done: (risk: CreatorRisk | undefined) => void): void {
      const key = keyOf(ref);
      const risk = known.get(key);
      if (risk) {
        done(risk);
        return;
      }
      const entry = waiting.get(key) ?? { ref, listeners: [] };
      entry.listeners.push(done);
      waiting.set(key, entry);
      timer ??= setTimeout(flush, BATCH_DELAY_MS);
    },
  };
}
