import { describe, expect, it } from 'vitest';
import {
  idleKeyHandoff,
  type KeyHandoffEvent,
  type KeyHandoffState,
  MAX_HELD,
  stepKeyHandoff,
} from '@/lib/page/overlay/key-handoff-machine';

type Key = 'c' | 'd' | 'j';
type Item = 'A' | 'B' | 'C';

/** Runs events from `state`; the last state, which presses were held, and the keys handed. */
function run(events: KeyHandoffEvent<Item, Key>[], state = idleKeyHandoff<Item, Key>()) {
  const held: boolean[] = [];
  const taken: Array<Key | undefined> = [];
  for (const event of events) {
    const step = stepKeyHandoff(state, event);
    state = step.state;
    if (event.type === 'press') held.push(step.held);
    if (event.type === 'take') taken.push(step.key);
  }
  return { state, held, taken };
}

const press = (key: Key, trusted = true): KeyHandoffEvent<Item, Key> => ({
  type: 'press',
  key,
  trusted,
});

/**
 * A page of cards in order: the one selected takes its held keys once it has focus, as the
 * overlay does; c and d decide on it, j selects the next card (whose keys follow).
 */
function review(order: Item[], keys: Key[], first: Item) {
  let state: KeyHandoffState<Item, Key> = idleKeyHandoff();
  const decided: string[] = [];
  state = stepKeyHandoff(state, { type: 'select', target: first }).state;
  for (const key of keys) {
    const step = stepKeyHandoff(state, press(key));
    expect(step.held).toBe(true);
    state = step.state;
  }
  // The cards take focus one after another, each when the one before moved on.
  for (let guard = 0; state.target !== undefined && guard < 20; guard++) {
    const card = state.target;
    for (;;) {
      const step = stepKeyHandoff(state, { type: 'take', target: card });
      state = step.state;
      if (!step.key) break;
      if (step.key === 'j') {
        const next = order[order.indexOf(card) + 1];
        if (next) state = stepKeyHandoff(state, { type: 'select', target: next }).state;
        break;
      }
      decided.push(`${card}:${step.key}`);
    }
  }
  return { state, decided };
}

describe('key handoff', () => {
  it('holds nothing while no card is awaited', () => {
    const { state, held } = run([press('c'), press('j')]);
    expect(held).toEqual([false, false]);
    expect(state).toEqual(idleKeyHandoff());
  });

  it('hands the selected card the keys pressed since, in order, each once', () => {
    const { held, taken, state } = run([
      { type: 'select', target: 'B' },
      press('c'),
      press('d'),
      { type: 'take', target: 'B' },
      { type: 'take', target: 'B' },
      { type: 'take', target: 'B' },
      { type: 'take', target: 'B' },
    ]);
    expect(held).toEqual([true, true]);
    expect(taken).toEqual(['c', 'd', undefined, undefined]);
    // Once the card has taken everything, its keys reach it directly: nothing is held.
    expect(state).toEqual(idleKeyHandoff());
    expect(stepKeyHandoff(state, press('c')).held).toBe(false);
  });

  it('never holds a key the page dispatched', () => {
    const { held, taken } = run([
      { type: 'select', target: 'B' },
      press('c', false),
      press('d'),
      { type: 'take', target: 'B' },
      { type: 'take', target: 'B' },
    ]);
    expect(held).toEqual([false, true]);
    expect(taken).toEqual(['d', undefined]);
  });

  it('gives another card nothing: only the selected one takes the keys', () => {
    const { taken, state } = run([
      { type: 'select', target: 'B' },
      press('c'),
      { type: 'take', target: 'A' },
    ]);
    expect(taken).toEqual([undefined]);
    expect(state).toEqual({ target: 'B', keys: ['c'] });
  });

  it('drops the keys when the selected item leaves the page, not when another does', () => {
    const held = run([
      { type: 'select', target: 'B' },
      press('c'),
      { type: 'release', target: 'A' },
    ]);
    expect(held.state).toEqual({ target: 'B', keys: ['c'] });
    const dropped = run([{ type: 'release', target: 'B' }], held.state);
    expect(dropped.state).toEqual(idleKeyHandoff());
    expect(run([{ type: 'take', target: 'B' }], dropped.state).taken).toEqual([undefined]);
  });

  it('keys after a held j follow the selection to the next card', () => {
    expect(review(['A', 'B', 'C'], ['c', 'j', 'd', 'c'], 'B').decided).toEqual([
      'B:c',
      'C:d',
      'C:c',
    ]);
    expect(review(['A', 'B', 'C'], ['j', 'c'], 'A').decided).toEqual(['B:c']);
    expect(review(['A', 'B', 'C'], ['j', 'j', 'c'], 'A').decided).toEqual(['C:c']);
  });

  it('holds at most MAX_HELD keys', () => {
    const events: KeyHandoffEvent<Item, Key>[] = [{ type: 'select', target: 'B' }];
    for (let i = 0; i <= MAX_HELD; i++) events.push(press('c'));
    const { held, state } = run(events);
    expect(held.filter(Boolean)).toHaveLength(MAX_HELD);
    expect(held.at(-1)).toBe(false);
    expect(state.keys).toHaveLength(MAX_HELD);
  });
});
