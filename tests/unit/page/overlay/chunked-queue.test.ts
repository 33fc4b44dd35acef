/** The chunked queue: the page side's bursts of per-card work, split into short tasks. */
import { describe, expect, it } from 'vitest';
import { createChunkedQueue } from '@/lib/page/overlay/chunked-queue';

/** A clock each handled item moves on by `cost` ms, and a yield the test releases. */
function harness(cost: number) {
  let time = 0;
  const releases: Array<() => void> = [];
  const handled: number[] = [];
  const options = {
    budgetMs: 4,
    now: () => time,
    yieldToPage: () => new Promise<void>((resolve) => releases.push(resolve)),
  };
  const handle = (item: number) => {
    handled.push(item);
    time += cost;
  };
  /** Lets the queue take its next chunk. */
  const release = async () => {
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { options, handle, handled, releases, release };
}

describe('createChunkedQueue', () => {
  it('handles a batch that fits the budget at once, in the caller’s task', () => {
    const h = harness(1);
    const queue = createChunkedQueue(h.handle, new AbortController().signal, h.options);
    queue.push(1, 2, 3);
    expect(h.handled).toEqual([1, 2, 3]);
    expect(queue.pending).toBe(0);
    expect(h.releases).toHaveLength(0);
  });

  it('yields once a chunk has used its budget, and goes on in order after', async () => {
    const h = harness(1.5);
    const queue = createChunkedQueue(h.handle, new AbortController().signal, h.options);
    queue.push(1, 2, 3, 4, 5, 6, 7);
    // 1.5 + 1.5 + 1.5 >= 4: three items, then a yield.
    expect(h.handled).toEqual([1, 2, 3]);
    expect(queue.pending).toBe(4);
    queue.push(8); // queued behind the rest, not handled out of turn
    expect(h.handled).toEqual([1, 2, 3]);
    await h.release();
    expect(h.handled).toEqual([1, 2, 3, 4, 5, 6]);
    await h.release();
    expect(h.handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(queue.pending).toBe(0);
    expect(h.releases).toHaveLength(0);
  });

  it('always handles at least one item per chunk, however long it takes', async () => {
    const h = harness(50);
    const queue = createChunkedQueue(h.handle, new AbortController().signal, h.options);
    queue.push(1, 2);
    expect(h.handled).toEqual([1]);
    await h.release();
    expect(h.handled).toEqual([1, 2]);
  });

  it('drops what is left when the signal aborts', async () => {
    const h = harness(2);
    const controller = new AbortController();
    const queue = createChunkedQueue(h.handle, controller.signal, h.options);
    queue.push(1, 2, 3, 4, 5);
    expect(h.handled).toEqual([1, 2]);
    controller.abort();
    expect(queue.pending).toBe(0);
    await h.release();
    queue.push(6);
    expect(h.handled).toEqual([1, 2]);
  });

  it('reports a handler that throws and keeps the rest for the next push', async () => {
    const h = harness(0);
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      const queue = createChunkedQueue(
        (item: number) => {
          if (item === 2) throw new Error('bad card');
          h.handle(item);
        },
        new AbortController().signal,
        h.options,
      );
      queue.push(1, 2, 3);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(errors).toEqual([new Error('bad card')]);
      expect(h.handled).toEqual([1]);
      queue.push(4);
      expect(h.handled).toEqual([1, 3, 4]);
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('settles each chunk, counting what settling will cost in its budget', () => {
    const h = harness(1);
    const settled: number[][] = [];
    let waiting: number[] = [];
    const queue = createChunkedQueue(
      (item: number) => {
        h.handle(item);
        waiting.push(item);
      },
      new AbortController().signal,
      {
        ...h.options,
        // Each item leaves a write that will cost 1 ms when the chunk settles.
        owed: () => waiting.length,
        settle: () => {
          settled.push(waiting);
          waiting = [];
        },
      },
    );
    queue.push(1, 2, 3, 4, 5);
    // 2 ms handled + 2 ms owed >= 4: two items, then their writes, then the page's turn.
    expect(settled).toEqual([[1, 2]]);
    expect(h.handled).toEqual([1, 2]);
    expect(queue.pending).toBe(3);
  });

  it('keeps the order of items and writes across chunks', async () => {
    const h = harness(1);
    const log: string[] = [];
    let waiting = 0;
    const queue = createChunkedQueue(
      (item: number) => {
        h.handle(item);
        log.push(`read ${item}`);
        waiting++;
      },
      new AbortController().signal,
      {
        ...h.options,
        owed: () => waiting,
        settle: () => {
          log.push(`write ${waiting}`);
          waiting = 0;
        },
      },
    );
    queue.push(1, 2, 3, 4, 5);
    await h.release();
    await h.release();
    expect(log).toEqual([
      'read 1',
      'read 2',
      'write 2',
      'read 3',
      'read 4',
      'write 2',
      'read 5',
      'write 1',
    ]);
    expect(h.releases).toHaveLength(0);
  });

  it('waits for the page to render after a chunk that wrote, and only then', async () => {
    const h = harness(1);
    const waits: string[] = [];
    let waiting = 0;
    const frames: Array<() => void> = [];
    const queue = createChunkedQueue(
      (item: number) => {
        h.handle(item);
        if (item % 2 === 0) waiting++; // even items leave a write
      },
      new AbortController().signal,
      {
        ...h.options,
        yieldToPage: () => {
          waits.push('task');
          return h.options.yieldToPage();
        },
        yieldAfterWrites: () => {
          waits.push('frame');
          return new Promise<void>((resolve) => frames.push(resolve));
        },
        owed: () => waiting * 3,
        settle: () => {
          waiting = 0;
        },
      },
    );
    // Chunk 1: 1 (1 ms), 2 (2 ms + 3 owed): settles a write, waits for a frame.
    queue.push(1, 2, 3, 5, 7, 9, 11);
    expect(h.handled).toEqual([1, 2]);
    expect(waits).toEqual(['frame']);
    frames.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Chunk 2: 3, 5, 7, 9 (4 ms), no write: a task's wait.
    expect(h.handled).toEqual([1, 2, 3, 5, 7, 9]);
    expect(waits).toEqual(['frame', 'task']);
    await h.release();
    expect(h.handled).toEqual([1, 2, 3, 5, 7, 9, 11]);
  });

  it('refuses a budget that is not a positive number of milliseconds', () => {
    expect(() =>
      createChunkedQueue(() => {}, new AbortController().signal, { budgetMs: 0 }),
    ).toThrow('budgetMs must be above 0, got 0');
  });
});
