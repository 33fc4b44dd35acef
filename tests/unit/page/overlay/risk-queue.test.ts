/**
 * The chips' risk queue: one batched question per creator, one chip per creator (the first
 * of their items to come near), the chip handed on when that item leaves, and every watcher
 * told again when the background says a history arrived.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CreatorRef, type CreatorRisk, createRiskQueue } from '@/lib/page/overlay/risk-queue';

const lena = { platform: 'shopvid', creatorId: 'lena' };
const minh = { platform: 'shopvid', creatorId: 'minh' };

function fakeEndpoint() {
  const asked: CreatorRef[][] = [];
  let answer: (ref: CreatorRef) => Partial<CreatorRisk> = () => ({ state: 'loading' });
  const fetch = async (creators: CreatorRef[]) => {
    asked.push(creators);
    return creators.map((ref) => ({
      ...ref,
      score: 0,
      band: 'low' as const,
      trend: 'flat' as const,
      ...answer(ref),
    }));
  };
  return {
    asked,
    fetch,
    answerWith(next: (ref: CreatorRef) => Partial<CreatorRisk>) {
      answer = next;
    },
  };
}

describe('risk queue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks once per creator and shows the chip on the first of their items only', async () => {
    const endpoint = fakeEndpoint();
    const queue = createRiskQueue(endpoint.fetch, new AbortController().signal);
    const heard: Array<[string, string | undefined, boolean]> = [];
    for (const [name, ref] of [
      ['a', lena],
      ['b', lena],
      ['c', minh],
      ['d', lena],
    ] as const)
      queue.watch(ref, (risk, shown) => heard.push([name, risk?.state, shown]));
    await vi.runAllTimersAsync();
    expect(endpoint.asked).toEqual([[lena, minh]]);
    expect(heard).toEqual([
      ['a', 'loading', true],
      ['b', 'loading', false],
      ['d', 'loading', false],
      ['c', 'loading', true],
    ]);
  });

  it('hands the chip to the next item when the one showing it leaves', async () => {
    const endpoint = fakeEndpoint();
    const queue = createRiskQueue(endpoint.fetch, new AbortController().signal);
    const shown = new Map<string, boolean>();
    const stopA = queue.watch(lena, (_risk, s) => shown.set('a', s));
    queue.watch(lena, (_risk, s) => shown.set('b', s));
    await vi.runAllTimersAsync();
    expect([...shown]).toEqual([
      ['a', true],
      ['b', false],
    ]);
    stopA();
    expect(shown.get('b')).toBe(true);
    // A late watcher gets the known answer at once, without its chip.
    let late: boolean | undefined;
    queue.watch(lena, (_risk, s) => {
      late = s;
    });
    expect(late).toBe(false);
    expect(endpoint.asked).toHaveLength(1);
  });

  it('asks again on refresh and tells every watcher the new risk', async () => {
    const endpoint = fakeEndpoint();
    const queue = createRiskQueue(endpoint.fetch, new AbortController().signal);
    const states: Array<string | undefined> = [];
    queue.watch(lena, (risk) => states.push(risk?.state ?? `${risk?.score} ${risk?.band}`));
    await vi.runAllTimersAsync();
    endpoint.answerWith(() => ({ score: 97, band: 'critical', state: undefined }));
    queue.refresh();
    await vi.runAllTimersAsync();
    expect(states).toEqual(['loading', '97 critical']);
    expect(endpoint.asked).toEqual([[lena], [lena]]);
  });

  it('answers undefined when the question fails, and nothing after the view ends', async () => {
    const view = new AbortController();
    let calls = 0;
    const queue = createRiskQueue(async () => {
      calls += 1;
      throw new Error('background gone');
    }, view.signal);
    const heard: Array<CreatorRisk | undefined> = [];
    queue.watch(lena, (risk) => heard.push(risk));
    await vi.runAllTimersAsync();
    expect(heard).toEqual([undefined]);
    view.abort();
    queue.refresh();
    await vi.runAllTimersAsync();
    expect(heard).toEqual([undefined]);
    expect(calls).toBe(1);
  });

  it('tells a message’s creators in chunks, in order; a creator waiting its turn is unanswered', async () => {
    const endpoint = fakeEndpoint();
    let time = 0;
    const releases: Array<() => void> = [];
    const queue = createRiskQueue(endpoint.fetch, new AbortController().signal, {
      budgetMs: 4,
      now: () => time,
      yieldToPage: () => new Promise<void>((resolve) => releases.push(resolve)),
    });
    const ann = { platform: 'shopvid', creatorId: 'ann' };
    const heard: string[] = [];
    for (const ref of [lena, minh, ann])
      queue.watch(ref, (risk) => {
        heard.push(`${ref.creatorId} ${risk?.state}`);
        time += 3; // each chip drawn costs 3 ms
      });
    await vi.runAllTimersAsync();
    // 3 + 3 >= 4: two creators told, then the page's turn.
    expect(heard).toEqual(['lena loading', 'minh loading']);
    // A second item of ann's, before ann's turn: nothing to hear yet.
    queue.watch(ann, (risk, shown) => heard.push(`ann again ${risk?.state} ${shown}`));
    expect(heard).toHaveLength(2);
    releases.shift()?.();
    await vi.runAllTimersAsync();
    expect(heard).toEqual([
      'lena loading',
      'minh loading',
      'ann loading',
      'ann again loading false',
    ]);
    expect(endpoint.asked).toEqual([[lena, minh, ann]]);
  });
});
