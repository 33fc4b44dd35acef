import { describe, expect, it } from 'vitest';
import {
  InvalidSyncStep,
  type SyncLoopEvent,
  type SyncLoopState,
  startSyncLoop,
  stepSync,
} from '@/lib/background/sync/sync-loop';

const reading = (writing = false, maxItems = 100): SyncLoopState => ({
  name: 'reading',
  maxItems,
  writing,
});

/** Runs events from the start; the states and effects on the way. */
function run(maxItems: number, events: SyncLoopEvent[]) {
  let { state, effects } = startSyncLoop(maxItems);
  const trail = [{ state: state.name, effects }];
  for (const event of events) {
    ({ state, effects } = stepSync(state, event));
    trail.push({ state: state.name, effects });
  }
  return { state, trail };
}

describe('sync loop: the start', () => {
  it('starts by reading a batch of the given size', () => {
    expect(startSyncLoop(100)).toEqual({ state: reading(false, 100), effects: ['read'] });
  });

  it('refuses a batch size below one or not whole', () => {
    expect(() => startSyncLoop(0)).toThrow(/at least one record, got 0/);
    expect(() => startSyncLoop(2.5)).toThrow(RangeError);
  });
});

describe('sync loop: reading', () => {
  it('sends the batch it read', () => {
    expect(stepSync(reading(true), { type: 'batch', size: 40 })).toEqual({
      state: { name: 'sending', size: 40, maxItems: 100, writing: true },
      effects: ['send'],
    });
  });

  it('refuses a batch larger than the size it asked for, or empty', () => {
    expect(() => stepSync(reading(false, 10), { type: 'batch', size: 11 })).toThrow(RangeError);
    expect(() => stepSync(reading(), { type: 'batch', size: 0 })).toThrow(RangeError);
  });

  it('finishes on an empty outbox when no answer is being written', () => {
    expect(stepSync(reading(false), { type: 'empty' })).toEqual({
      state: { name: 'done' },
      effects: ['finish'],
    });
  });

  it('drains the answers being written before it believes the outbox empty', () => {
    expect(stepSync(reading(true), { type: 'empty' })).toEqual({
      state: { name: 'draining', maxItems: 100 },
      effects: ['drain'],
    });
  });

  it('drains (and so surfaces the error) when writing an answer failed', () => {
    expect(stepSync(reading(true), { type: 'write-failed' })).toEqual({
      state: { name: 'draining', maxItems: 100 },
      effects: ['drain'],
    });
  });
});

describe('sync loop: draining', () => {
  it('reads again once every answer is written (it may have left a newer revision)', () => {
    expect(stepSync({ name: 'draining', maxItems: 7 }, { type: 'drained' })).toEqual({
      state: reading(false, 7),
      effects: ['read'],
    });
  });
});

describe('sync loop: sending', () => {
  const sending: SyncLoopState = { name: 'sending', size: 40, maxItems: 100, writing: false };

  it('writes the answers behind the next read when delivered', () => {
    expect(stepSync(sending, { type: 'delivered' })).toEqual({
      state: reading(true),
      effects: ['write-answers'],
    });
  });

  it('settles first on any failure', () => {
    for (const kind of ['retry', 'server-error', 'invalid', 'too-large', 'refused'] as const)
      expect(stepSync(sending, { type: 'send-failed', kind })).toEqual({
        state: { name: 'settling', kind, size: 40, maxItems: 100 },
        effects: ['settle'],
      });
  });
});

describe('sync loop: settling', () => {
  const settling = (
    kind: 'retry' | 'server-error' | 'invalid' | 'too-large' | 'refused',
    size = 40,
  ): SyncLoopState => ({ name: 'settling', kind, size, maxItems: 100 });

  it('halves the batch size for the rest of the run when a batch is too large', () => {
    expect(stepSync(settling('too-large', 41), { type: 'settled', keepsFailing: false })).toEqual({
      state: reading(false, 21),
      effects: ['read'],
    });
  });

  it('refuses a lone record that is too large and goes on', () => {
    expect(stepSync(settling('too-large', 1), { type: 'settled', keepsFailing: false })).toEqual({
      state: reading(false, 100),
      effects: ['refuse-lone-record', 'read'],
    });
  });

  it('isolates a malformed batch at once', () => {
    expect(stepSync(settling('invalid'), { type: 'settled', keepsFailing: false })).toEqual({
      state: { name: 'isolating', maxItems: 100 },
      effects: ['isolate'],
    });
  });

  it('isolates a server error only when the endpoint keeps failing', () => {
    expect(stepSync(settling('server-error'), { type: 'settled', keepsFailing: true })).toEqual({
      state: { name: 'isolating', maxItems: 100 },
      effects: ['isolate'],
    });
    expect(stepSync(settling('server-error'), { type: 'settled', keepsFailing: false })).toEqual({
      state: { name: 'stopped' },
      effects: ['end-with-failure'],
    });
  });

  it('stops on a retry or a refusal, whatever came before', () => {
    for (const kind of ['retry', 'refused'] as const)
      for (const keepsFailing of [false, true])
        expect(stepSync(settling(kind), { type: 'settled', keepsFailing })).toEqual({
          state: { name: 'stopped' },
          effects: ['end-with-failure'],
        });
  });
});

describe('sync loop: isolating', () => {
  it('reads on when the records were at fault, stops when the endpoint was', () => {
    const isolating: SyncLoopState = { name: 'isolating', maxItems: 50 };
    expect(stepSync(isolating, { type: 'isolated', stopped: false })).toEqual({
      state: reading(false, 50),
      effects: ['read'],
    });
    expect(stepSync(isolating, { type: 'isolated', stopped: true })).toEqual({
      state: { name: 'stopped' },
      effects: ['end-with-failure'],
    });
  });
});

describe('sync loop: invalid steps', () => {
  const states: SyncLoopState[] = [
    reading(true),
    { name: 'draining', maxItems: 100 },
    { name: 'sending', size: 1, maxItems: 100, writing: false },
    { name: 'settling', kind: 'retry', size: 1, maxItems: 100 },
    { name: 'isolating', maxItems: 100 },
    { name: 'done' },
    { name: 'stopped' },
  ];
  const events: SyncLoopEvent[] = [
    { type: 'batch', size: 1 },
    { type: 'empty' },
    { type: 'write-failed' },
    { type: 'drained' },
    { type: 'delivered' },
    { type: 'send-failed', kind: 'retry' },
    { type: 'settled', keepsFailing: false },
    { type: 'isolated', stopped: false },
  ];
  const valid: Record<SyncLoopState['name'], SyncLoopEvent['type'][]> = {
    reading: ['batch', 'empty', 'write-failed'],
    draining: ['drained'],
    sending: ['delivered', 'send-failed'],
    settling: ['settled'],
    isolating: ['isolated'],
    done: [],
    stopped: [],
  };

  it('rejects every event a state does not wait for, naming both', () => {
    let rejected = 0;
    for (const state of states)
      for (const event of events) {
        if (valid[state.name].includes(event.type)) {
          expect(() => stepSync(state, event)).not.toThrow();
          continue;
        }
        expect(() => stepSync(state, event)).toThrow(InvalidSyncStep);
        expect(() => stepSync(state, event)).toThrow(
          `event "${event.type}" cannot happen while ${state.name}`,
        );
        rejected++;
      }
    expect(rejected).toBe(states.length * events.length - 8);
  });
});

describe('sync loop: whole runs', () => {
  it('two batches delivered, then the queue empties behind the last answers', () => {
    const { state, trail } = run(100, [
      { type: 'batch', size: 100 },
      { type: 'delivered' },
      { type: 'batch', size: 30 },
      { type: 'delivered' },
      { type: 'empty' },
      { type: 'drained' },
      { type: 'empty' },
    ]);
    expect(trail.map((t) => t.state)).toEqual([
      'reading',
      'sending',
      'reading',
      'sending',
      'reading',
      'draining',
      'reading',
      'done',
    ]);
    expect(state).toEqual({ name: 'done' });
  });

  it('a proxy that takes less: halved twice, then delivered at the smaller size', () => {
    const { state } = run(100, [
      { type: 'batch', size: 100 },
      { type: 'send-failed', kind: 'too-large' },
      { type: 'settled', keepsFailing: false },
      { type: 'batch', size: 50 },
      { type: 'send-failed', kind: 'too-large' },
      { type: 'settled', keepsFailing: false },
      { type: 'batch', size: 25 },
      { type: 'delivered' },
    ]);
    expect(state).toEqual(reading(true, 25));
  });
});
