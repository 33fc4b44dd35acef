import { describe, expect, it } from 'vitest';
import {
  CACHE_LIMIT,
  createEvaluationCache,
  createEvaluationQueue,
  type EvaluatedFinding,
  type EvaluationResult,
} from '@/lib/page/overlay/evaluation-queue';
import { inputSignature } from '@/lib/page/overlay/policy-input';
import type { PolicyInput } from '@/lib/shared/policy/types';

const inputOf = (i: number): PolicyInput => ({ fields: { title: `card ${i}` } });

/** Requests `count` inputs from `from` on and waits for every answer. */
async function evaluateAll(
  queue: ReturnType<typeof createEvaluationQueue<never>>,
  from: number,
  count: number,
) {
  const answers = Array.from(
    { length: count },
    (_, n) =>
      new Promise<EvaluationResult<never>>((resolve) =>
        queue.request(`k${from + n}`, inputOf(from + n), resolve),
      ),
  );
  return Promise.all(answers);
}

describe('evaluation queue cache', () => {
  it('keeps at most CACHE_LIMIT inputs, dropping the oldest first', async () => {
    const cache = createEvaluationCache();
    const asked: string[] = [];
    const queue = createEvaluationQueue<never>(
      async (items) => {
        asked.push(...items.map((item) => item.key));
        return items.map(({ key }) => ({ key, findings: [] as EvaluatedFinding[], flags: [] }));
      },
      cache,
      new AbortController().signal,
    );
    await evaluateAll(queue, 0, CACHE_LIMIT + 50);
    expect(cache.size).toBe(CACHE_LIMIT);
    expect(cache.has(inputSignature(inputOf(0)))).toBe(false);
    expect(cache.has(inputSignature(inputOf(49)))).toBe(false);
    expect(cache.has(inputSignature(inputOf(50)))).toBe(true);
    expect(cache.has(inputSignature(inputOf(CACHE_LIMIT + 49)))).toBe(true);

    // A remembered input is answered from the cache; a dropped one is asked again.
    asked.length = 0;
    const [kept] = await evaluateAll(queue, CACHE_LIMIT + 49, 1);
    expect(kept).toEqual({ ok: true, findings: [] });
    await evaluateAll(queue, 0, 1);
    expect(asked).toEqual(['k0']);
    expect(cache.size).toBe(CACHE_LIMIT);
  });
});

describe('evaluation queue answers', () => {
  it('hands a message’s answers out in chunks, in order, settling each chunk', async () => {
    let time = 0;
    const releases: Array<() => void> = [];
    const settled: number[] = [];
    const heard: string[] = [];
    const queue = createEvaluationQueue<never>(
      async (items) =>
        items.map(({ key }) => ({ key, findings: [] as EvaluatedFinding[], flags: [] })),
      createEvaluationCache(),
      new AbortController().signal,
      {
        budgetMs: 4,
        now: () => time,
        yieldToPage: () => new Promise<void>((resolve) => releases.push(resolve)),
        settle: () => settled.push(heard.length),
      },
    );
    for (let i = 0; i < 6; i++)
      queue.request(`k${i}`, inputOf(i), () => {
        heard.push(`k${i}`);
        time += 1; // each answer's handling costs 1 ms
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One message; its answers in chunks of 4 ms, each settled.
    expect(heard).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(settled).toEqual([4]);
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
    expect(settled).toEqual([4, 6]);
  });
});
