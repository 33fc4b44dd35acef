import { describe, expect, it } from 'vitest';
import { createEndpointWatch, WATCH_EVERY_MS } from '@/entrypoints/background/endpoint-watch';

/** An endpoint that is up or down as the test says, and timers the test runs by hand. */
function harness() {
  const state = { up: false, checks: 0, back: 0 };
  const timers = new Map<number, { run: () => void; ms: number }>();
  let nextId = 0;
  const watch = createEndpointWatch({
    fetch: (async (url: URL) => {
      state.checks++;
      expect(String(url)).toBe('https://gov.example/api/v1/health');
      if (!state.up) throw new TypeError('Failed to fetch');
      return new Response('{}', { status: 200 });
    }) as unknown as typeof fetch,
    onBack: () => state.back++,
    setTimer: (run, ms) => {
      timers.set(++nextId, { run, ms });
      return nextId;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  /** Fires the one pending timer and lets its health check finish. */
  const tick = async () => {
    const [entry] = [...timers.entries()];
    if (!entry) throw new Error('no timer pending');
    timers.delete(entry[0]);
    expect(entry[1].ms).toBe(WATCH_EVERY_MS);
    entry[1].run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { state, timers, watch, tick };
}

describe('endpoint watch', () => {
  it('keeps the backoff when the endpoint answers (the failure was its answer)', async () => {
    const { state, timers, watch } = harness();
    state.up = true;
    await watch.afterFailure('https://gov.example/api');
    expect(watch.watching()).toBe(false);
    expect(timers.size).toBe(0);
    expect(state.back).toBe(0);
  });

  it('checks every few seconds while the endpoint is down, and reports its return once', async () => {
    const { state, timers, watch, tick } = harness();
    await watch.afterFailure('https://gov.example/api/');
    expect(watch.watching()).toBe(true);
    await tick();
    await tick();
    expect(state.back).toBe(0);
    state.up = true;
    await tick();
    expect(state.back).toBe(1);
    expect(watch.watching()).toBe(false);
    expect(timers.size).toBe(0);
    expect(state.checks).toBe(4);
  });

  it('stops when a run starts', async () => {
    const { state, timers, watch } = harness();
    await watch.afterFailure('https://gov.example/api');
    watch.stop();
    expect(timers.size).toBe(0);
    state.up = true;
    expect(state.back).toBe(0);
  });
});
