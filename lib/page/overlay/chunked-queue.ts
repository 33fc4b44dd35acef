/**
 * Work the page side does for many cards at once (the cards a viewport report brings near,
 * the answers a batched check brings back), done in chunks of a few milliseconds with the
 * page's own tasks (input, frames) let in between: no task of Flagpost's blocks the page
 * for longer than half a frame, however many cards arrive together.
 *
 * The first chunk runs at once, in the caller's task, so a batch that fits the budget costs
 * no extra task and no delay. Items are handled in the order they were pushed. When the
 * signal aborts, what is left is dropped.
 *
 * Work the items leave for the end of their chunk (`settle`: the answers' writes, gathered so
 * they follow every read of the chunk) counts in the chunk's budget: `owed` says what the
 * work waiting would cost now. It used to run after the chunk, at the end of its task,
 * uncounted: a chunk of 4 ms of answers was followed by 3 - 4 ms of drawing them
 * (BENCHMARKS.md, issue 20, "no task over 8 ms").
 */

/** Time one chunk may take before the queue yields, ms (the budget per task is 8 ms). */
export const CHUNK_BUDGET_MS = 4;

export interface ChunkedQueueOptions {
  budgetMs?: number;
  now?: () => number;
  /** Resolves once the page's pending tasks have had their turn. */
  yieldToPage?: () => Promise<void>;
  /** Run at the end of every chunk, within its budget: what the chunk's items left to do. */
  settle?: () => void;
  /** What `settle` would cost now, ms: counted in the chunk's budget as it grows. */
  owed?: () => number;
  /**
   * How to wait after a chunk that settled writes (instead of `yieldToPage`): until the page
   * has rendered them (`afterNextFrame`), so the next chunk's reads find the layout done
   * rather than force it.
   */
  yieldAfterWrites?: () => Promise<void>;
}

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Lets the page's pending tasks run: `scheduler.yield()` where the browser has it (the
 * rest of the work keeps its place ahead of other scripts' new tasks), else a message to
 * the queue's own channel (a task, without a timer's 4 ms clamp).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function')
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How long to wait for a frame that does not come (a hidden tab renders none), ms. */
export const FRAME_FALLBACK_MS = 100;

/**
 * Resolves once the next frame has been rendered: a task after its animation frame
 * callbacks, so after its style and layout; or after FRAME_FALLBACK_MS without a frame.
 */
export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(go, FRAME_FALLBACK_MS);
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => {
        void yieldToPage().then(go);
      });
  });
}

export interface ChunkedQueue<T> {
  /** Queues `items`; handles at once as many as the budget allows, the rest in later tasks. */
  push(...items: T[]): void;
  /** Items not handled yet. */
  readonly pending: number;
}

export function createChunkedQueue<T>(
  handle: (item: T) => void,
  signal: AbortSignal,
  options: ChunkedQueueOptions = {},
): ChunkedQueue<T> {
  const budget = options.budgetMs ?? CHUNK_BUDGET_MS;
  if (!(budget > 0)) throw new Error(`createChunkedQueue: budgetMs must be above 0, got ${budget}`);
  const now = options.now ?? (() => performance.now());
  const pause = options.yieldToPage ?? yieldToPage;
  const { settle, owed, yieldAfterWrites } = options;
  /** Whether the last chunk settled writes: the next waits for them to be rendered. */
  let wrote = false;
  let items: T[] = [];
  let head = 0;
  let draining = false;

  const clear = () => {
    items = [];
    head = 0;
  };
  /** One chunk; true when items are left for the next. */
  const chunk = (): boolean => {
    const start = now();
    let handled = 0;
    while (head < items.length) {
      if (signal.aborted) break;
      const item = items[head] as T;
      head++;
      handle(item);
      handled++;
      if (now() - start + (owed ? owed() : 0) >= budget) break;
    }
    wrote = false;
    if (settle && handled > 0) {
      wrote = owed !== undefined && owed() > 0;
      settle();
    }
    if (signal.aborted || head >= items.length) {
      clear();
      return false;
    }
    return true;
  };
  const drain = async () => {
    draining = true;
    try {
      while (chunk()) await (wrote && yieldAfterWrites ? yieldAfterWrites() : pause());
    } finally {
      draining = false;
    }
  };
  signal.addEventListener('abort', clear, { once: true });

  return {
    push(...more) {
      if (signal.aborted || more.length === 0) return;
      items.push(...more);
      if (draining) return;
      // A handler that throws is reported as an uncaught error, as it was when it ran in the
      // caller's callback; the items after it stay queued for the next push.
      drain().catch((error: unknown) =>
        queueMicrotask(() => {
          throw error;
        }),
      );
    },
    get pending() {
      return items.length - head;
    },
  };
}
