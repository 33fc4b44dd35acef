import { describe, expect, it } from 'vitest';
import {
  type ElementEvent,
  type ElementState,
  placeItem,
  stepElement,
} from '@/lib/page/overlay/page-view-machine';

type M = string;
const holding = (...mounts: M[]): ElementState<M> => ({ name: 'holding', mounts: new Set(mounts) });
const STATES: Array<ElementState<M> | undefined> = [
  undefined,
  { name: 'found' },
  holding('a'),
  { name: 'empty' },
];
const label = (state: ElementState<M> | undefined) => state?.name ?? 'unknown';

describe('page view element: found', () => {
  it('a new element is watched until it comes near', () => {
    expect(stepElement<M>(undefined, { type: 'found' })).toEqual({
      state: { name: 'found' },
      effects: [{ do: 'watch' }],
    });
  });

  it('found again while found: nothing more', () => {
    expect(stepElement<M>({ name: 'found' }, { type: 'found' })).toEqual({
      state: { name: 'found' },
      effects: [],
    });
  });

  it('found again once named: named again (a recycled card)', () => {
    for (const state of [holding('a'), { name: 'empty' } as const])
      expect(stepElement<M>(state, { type: 'found' })).toEqual({
        state,
        effects: [{ do: 'identify' }],
      });
  });

  it('read when it first comes near; a far report before that changes nothing', () => {
    expect(stepElement<M>({ name: 'found' }, { type: 'near' }).effects).toEqual([{ do: 'read' }]);
    expect(stepElement<M>({ name: 'found' }, { type: 'far' }).effects).toEqual([]);
  });
});

describe('page view element: holding', () => {
  it('mounting on an unknown or empty element watches it; on a found one, it is watched already', () => {
    expect(stepElement<M>(undefined, { type: 'mounted', mount: 'a' })).toEqual({
      state: holding('a'),
      effects: [{ do: 'watch' }],
    });
    expect(stepElement<M>({ name: 'empty' }, { type: 'mounted', mount: 'a' })).toEqual({
      state: holding('a'),
      effects: [{ do: 'watch' }],
    });
    expect(stepElement<M>({ name: 'found' }, { type: 'mounted', mount: 'a' })).toEqual({
      state: holding('a'),
      effects: [],
    });
  });

  it('holds several items (a page read in full), each once', () => {
    const two = stepElement(holding('a'), { type: 'mounted', mount: 'b' });
    expect(two).toEqual({ state: holding('a', 'b'), effects: [] });
    expect(stepElement(two.state, { type: 'mounted', mount: 'b' })).toEqual(two);
  });

  it('tells every item it holds when it comes near or goes away', () => {
    expect(stepElement(holding('a', 'b'), { type: 'near' }).effects).toEqual([
      { do: 'near', mounts: ['a', 'b'] },
    ]);
    expect(stepElement(holding('a', 'b'), { type: 'far' }).effects).toEqual([
      { do: 'far', mounts: ['a', 'b'] },
    ]);
  });

  it('is let go (and no longer watched) when its last item is unmounted', () => {
    const one = stepElement(holding('a', 'b'), { type: 'unmounted', mount: 'a' });
    expect(one).toEqual({ state: holding('b'), effects: [] });
    expect(stepElement(one.state, { type: 'unmounted', mount: 'b' })).toEqual({
      state: undefined,
      effects: [{ do: 'unwatch' }],
    });
  });

  it('ignores unmounting an item it does not hold', () => {
    expect(stepElement(holding('a'), { type: 'unmounted', mount: 'z' })).toEqual({
      state: holding('a'),
      effects: [],
    });
    for (const state of [undefined, { name: 'found' } as const, { name: 'empty' } as const])
      expect(stepElement<M>(state, { type: 'unmounted', mount: 'a' })).toEqual({
        state,
        effects: [],
      });
  });
});

describe('page view element: no item', () => {
  it('files the element as empty, releasing what it held and no longer watching it', () => {
    expect(stepElement<M>(undefined, { type: 'no-item' })).toEqual({
      state: { name: 'empty' },
      effects: [],
    });
    expect(stepElement<M>({ name: 'found' }, { type: 'no-item' })).toEqual({
      state: { name: 'empty' },
      effects: [{ do: 'unwatch' }],
    });
    expect(stepElement(holding('a', 'b'), { type: 'no-item' })).toEqual({
      state: { name: 'empty' },
      effects: [{ do: 'release', mounts: ['a', 'b'] }, { do: 'unwatch' }],
    });
  });

  it('an empty element is not watched: reports on it are stale and ignored', () => {
    for (const type of ['near', 'far'] as const)
      expect(stepElement<M>({ name: 'empty' }, { type })).toEqual({
        state: { name: 'empty' },
        effects: [],
      });
  });
});

describe('page view element: unknown and left', () => {
  it('ignores viewport reports on an element it does not know (queued before it was let go)', () => {
    for (const type of ['near', 'far'] as const)
      expect(stepElement<M>(undefined, { type })).toEqual({ state: undefined, effects: [] });
  });

  it('lets go of an element that left the page, whatever its state', () => {
    const expected: Record<string, unknown[]> = {
      unknown: [],
      found: [{ do: 'unwatch' }],
      holding: [{ do: 'release', mounts: ['a'] }, { do: 'unwatch' }],
      empty: [],
    };
    for (const state of STATES)
      expect(stepElement(state, { type: 'left' })).toEqual({
        state: undefined,
        effects: expected[label(state)],
      });
  });
});

describe('page view element: watching follows the state', () => {
  const events: ElementEvent<M>[] = [
    { type: 'found' },
    { type: 'near' },
    { type: 'far' },
    { type: 'no-item' },
    { type: 'mounted', mount: 'b' },
    { type: 'unmounted', mount: 'a' },
    { type: 'left' },
  ];
  const watched = (state: ElementState<M> | undefined) =>
    state?.name === 'found' || state?.name === 'holding';

  it('every transition watches exactly when it enters a watched state, and unwatches on leaving one', () => {
    for (const state of STATES)
      for (const event of events) {
        const step = stepElement(state, event);
        const watches = step.effects.filter((e) => e.do === 'watch').length;
        const unwatches = step.effects.filter((e) => e.do === 'unwatch').length;
        expect(watches, `${label(state)} + ${event.type}`).toBe(
          !watched(state) && watched(step.state) ? 1 : 0,
        );
        expect(unwatches, `${label(state)} + ${event.type}`).toBe(
          watched(state) && !watched(step.state) ? 1 : 0,
        );
      }
  });
});

describe('page view element: the steps every card takes', () => {
  it('a card found is filed without an object of its own, and a later step cannot change it', () => {
    const first = stepElement<M>(undefined, { type: 'found' });
    expect(stepElement<M>(undefined, { type: 'found' })).toBe(first);
    expect(Object.isFrozen(first.state)).toBe(true);
    expect(Object.isFrozen(first.effects)).toBe(true);
    // Its next steps start from the shared state and leave it as it was.
    const near = stepElement<M>(first.state, { type: 'near' });
    expect(near).toEqual({ state: { name: 'found' }, effects: [{ do: 'read' }] });
    expect(stepElement<M>(first.state, { type: 'mounted', mount: 'a' }).state).toEqual(
      holding('a'),
    );
    expect(first).toEqual({ state: { name: 'found' }, effects: [{ do: 'watch' }] });
  });

  it('an element that held overlays lets them go and is no longer watched, in that order', () => {
    expect(stepElement(holding('a', 'b'), { type: 'no-item' })).toEqual({
      state: { name: 'empty' },
      effects: [{ do: 'release', mounts: ['a', 'b'] }, { do: 'unwatch' }],
    });
    expect(stepElement(holding('a'), { type: 'left' })).toEqual({
      state: undefined,
      effects: [{ do: 'release', mounts: ['a'] }, { do: 'unwatch' }],
    });
    expect(stepElement<M>({ name: 'empty' }, { type: 'left' })).toEqual({
      state: undefined,
      effects: [],
    });
  });
});

describe('placing an item', () => {
  it('keeps it where it is, leaves it to the first element, or moves it from one that left', () => {
    expect(placeItem(undefined, 'x')).toBe('new');
    expect(placeItem({ element: 'x', connected: true }, 'x')).toBe('same');
    expect(placeItem({ element: 'x', connected: false }, 'x')).toBe('same');
    expect(placeItem({ element: 'y', connected: true }, 'x')).toBe('taken');
    expect(placeItem({ element: 'y', connected: false }, 'x')).toBe('moved');
  });
});
