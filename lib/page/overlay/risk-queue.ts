/**
 * Creator risk for the chips, asked for in batches: the creators that come near the
 * viewport together go in one `creators.risk` message (at most 500), and each creator is
 * asked about once per page view, however many of their items the page shows, and again
 * when the background says a history the page waits for arrived (`refresh`).
 *
 * One chip per creator: of the items that watch a creator, the first that came near shows
 * the chip (`shown`); the others show none (a profile page of seven videos by one creator
 * shows one chip, not seven). When that item leaves, the next one takes the chip over.
 *
 * Every watcher hears an answer, with undefined when there is no risk to show (no answer,
 * an error): an item draws its badge once it has both its findings and its chip's answer.
 */
import { type ChunkedQueueOptions, createChunkedQueue } from './chunked-queue';
import { EVALUATION_DELAY_MS } from './evaluation-queue';
export interface CreatorRef {
  platform: string;
  creatorId: string;
}

export interface CreatorRisk extends CreatorRef {
  score: number;
  band: 'low' | 'elevated' | 'high' | 'critical';
  trend: 'up' | 'flat' | 'down';
  /** Absent: known. Loading: the history is on its way. Unknown: nothing is known. */
  state?: 'known' | 'loading' | 'unknown';
}

export type FetchRisks = (creators: CreatorRef[]) => Promise<CreatorRisk[]>;

/** What a watcher hears: the risk (or none), and whether its item is the one showing it. */
export type RiskListener = (risk: CreatorRisk | undefined, shown: boolean) => void;

const MAX_PER_MESSAGE = 500;
/** The same window as the evaluations': an item's two questions leave together. */
const BATCH_DELAY_MS = EVALUATION_DELAY_MS;
const keyOf = (ref: CreatorRef) => `${ref.platform}:${ref.creatorId}`;

interface Creator {
  ref: CreatorRef;
  /** Undefined until the first answer. */
  answer: { risk: CreatorRisk | undefined } | undefined;
  /** In the order they started watching: the first shows the chip. */
  watchers: RiskListener[];
}

export function createRiskQueue(
  fetchRisks: FetchRisks,
  signal: AbortSignal,
  chunks?: ChunkedQueueOptions,
) {
  const creators = new Map<string, Creator>();
  const asking = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => timer !== undefined && clearTimeout(timer), {
    once: true,
  });

  const tell = (creator: Creator) => {
    if (!creator.answer) return;
    const { risk } = creator.answer;
    creator.watchers.forEach((listener, i) => {
      listener(risk, i === 0);
    });
  };

  /**
   * A message's answers, each creator's taken and told in turn, in chunks of a few ms
   * (chunked-queue.ts): told all at once, the chips and badges a screenful of creators
   * redrew took one task of 3 ms and more (BENCHMARKS.md, issue 20, "no task over 8 ms").
   * A creator whose answer waits for its turn is, until then, one not answered yet.
   */
  const answers = createChunkedQueue<{ ref: CreatorRef; risk: CreatorRisk | undefined }>(
    ({ ref, risk }) => {
      const creator = creators.get(keyOf(ref));
      if (!creator) return;
      creator.answer = { risk };
      tell(creator);
    },
    signal,
    chunks,
  );

  const flush = () => {
    timer = undefined;
    const keys = [...asking];
    asking.clear();
    for (let i = 0; i < keys.length; i += MAX_PER_MESSAGE) {
      const batch = keys
        .slice(i, i + MAX_PER_MESSAGE)
        .flatMap((key) => creators.get(key) ?? [])
        .map((creator) => creator.ref);
      if (batch.length === 0) continue;
      fetchRisks(batch)
        // A chip is a hint: without an answer the item simply shows none.
        .catch(() => [] as CreatorRisk[])
        .then((risks) => {
          if (signal.aborted) return;
          const byKey = new Map(risks.map((r) => [keyOf(r), r]));
          answers.push(...batch.map((ref) => ({ ref, risk: byKey.get(keyOf(ref)) })));
        });
    }
  };

  const ask = (key: string) => {
    if (signal.aborted) return;
    asking.add(key);
    timer ??= setTimeout(flush, BATCH_DELAY_MS);
  };

  return {
    /**
     * Starts watching a creator's risk: `listener` hears the answer now if it is known, and
     * again whenever it changes or the chip moves to or from this watcher. Returns the stop.
     */
    watch(ref: CreatorRef, listener: RiskListener): () => void {
      const key = keyOf(ref);
      let creator = creators.get(key);
      if (!creator) {
        creator = { ref, answer: undefined, watchers: [] };
        creators.set(key, creator);
        ask(key);
      }
      const watched = creator;
      watched.watchers.push(listener);
      if (watched.answer) listener(watched.answer.risk, watched.watchers.length === 1);
      return () => {
        const at = watched.watchers.indexOf(listener);
        if (at < 0) return;
        watched.watchers.splice(at, 1);
        const next = watched.watchers[0];
        // The item showing the chip left: the next one of the creator's items shows it.
        if (at === 0 && next && watched.answer) next(watched.answer.risk, true);
      };
    },
    /** Asks again about every creator watched now (their history arrived). */
    refresh(): void {
      for (const [key, creator] of creators) {
        if (creator.watchers.length === 0) creators.delete(key);
        else ask(key);
      }
    },
  };
}
