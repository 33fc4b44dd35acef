/**
 * What one page view (entrypoints/content/page-view.ts) knows about each element it has
 * met, as named states and a pure reducer: no DOM, no extension API. `M` is the view's
 * handle on one item's overlay (its mount); the view performs the effects.
 *
 *   (unknown) ──found──▶ found ──near──▶ (read: mounted ▶ holding, no-item ▶ empty)
 *   (unknown) ──mounted──▶ holding ──unmounted (the last)──▶ (unknown)
 *   found | holding | empty ──no-item──▶ empty          any ──left──▶ (unknown)
 *
 * - found: a repeated item's element (a card), watched until it first comes near, and not
 *   named yet: on a feed of thousands most cards cost nothing more than that.
 * - holding: the element holds one or more items' overlays (a card holds one; a page read
 *   in full may anchor several to one element); watched, so they follow it near and far.
 * - empty: the element holds no item (not watched; found again, it is named again).
 * - unknown: not in the view's table at all.
 *
 * Events a state does not expect are ignored, by these rules: a viewport report on an
 * element that is not watched is stale (it was queued before the element was let go); an
 * overlay that is not held is not unmounted twice; a found element is found once.
 */

export type ElementState<M> =
  | { name: 'found' }
  | { name: 'holding'; mounts: ReadonlySet<M> }
  | { name: 'empty' };

export type ElementEvent<M> =
  /** A scan found the element (the repeated items' selector matched it). */
  | { type: 'found' }
  /** The viewport watch: the element came near the viewport, or went away. */
  | { type: 'near' }
  | { type: 'far' }
  /** Reading or naming the element found no item on it. */
  | { type: 'no-item' }
  /** An item's overlay was filed on the element. */
  | { type: 'mounted'; mount: M }
  /** An item's overlay on the element was released. */
  | { type: 'unmounted'; mount: M }
  /** The element is no longer in the page. */
  | { type: 'left' };

export type ElementEffect<M> =
  /** Watch the element for coming near the viewport (a fresh report follows). */
  | { do: 'watch' }
  | { do: 'unwatch' }
  /** Read the item on the element, which names it too (it came near for the first time). */
  | { do: 'read' }
  /** Name the element's item again: it was found again, so its content changed. */
  | { do: 'identify' }
  | { do: 'near'; mounts: readonly M[] }
  | { do: 'far'; mounts: readonly M[] }
  | { do: 'release'; mounts: readonly M[] };

export interface ElementStep<M> {
  /** Undefined: the element leaves the view's table. */
  state: ElementState<M> | undefined;
  /** Shared between steps where it can be: read it, never change it. */
  effects: readonly ElementEffect<M>[];
}

// The steps every card of a feed takes (found, then nothing until it comes near) are made
// once, not per card: a feed appending 200 cards made 600 objects for them on each batch.
const FOUND: ElementState<never> = Object.freeze({ name: 'found' });
const EMPTY: ElementState<never> = Object.freeze({ name: 'empty' });
const NONE: readonly ElementEffect<never>[] = Object.freeze([]);
const WATCH: readonly ElementEffect<never>[] = Object.freeze([{ do: 'watch' } as const]);
const UNWATCH: readonly ElementEffect<never>[] = Object.freeze([{ do: 'unwatch' } as const]);
const READ: readonly ElementEffect<never>[] = Object.freeze([{ do: 'read' } as const]);
const IDENTIFY: readonly ElementEffect<never>[] = Object.freeze([{ do: 'identify' } as const]);
const FIRST_FOUND: ElementStep<never> = Object.freeze({ state: FOUND, effects: WATCH });

const watched = <M>(state: ElementState<M> | undefined) =>
  state?.name === 'found' || state?.name === 'holding';

const ignored = <M>(state: ElementState<M> | undefined): ElementStep<M> => ({
  state,
  effects: NONE,
});

/** The overlays an element holds, as a list (none unless it is holding). */
const heldBy = <M>(state: ElementState<M> | undefined): M[] =>
  state?.name === 'holding' ? [...state.mounts] : [];

/** What is let go when the element holds no item any more, or leaves the page. */
const letGo = <M>(state: ElementState<M> | undefined): readonly ElementEffect<M>[] => {
  const held = heldBy(state);
  if (held.length === 0) return watched(state) ? UNWATCH : NONE;
  return watched(state)
    ? [{ do: 'release', mounts: held }, { do: 'unwatch' }]
    : [{ do: 'release', mounts: held }];
};

/** The element's next state and what the view does about it. Pure. */
export function stepElement<M>(
  state: ElementState<M> | undefined,
  event: ElementEvent<M>,
): ElementStep<M> {
  switch (event.type) {
    case 'found':
      if (!state) return FIRST_FOUND;
      return state.name === 'found' ? ignored(state) : { state, effects: IDENTIFY };
    case 'near':
      if (state?.name === 'found') return { state, effects: READ };
      if (state?.name === 'holding')
        return { state, effects: [{ do: 'near', mounts: heldBy(state) }] };
      return ignored(state);
    case 'far':
      if (state?.name === 'holding')
        return { state, effects: [{ do: 'far', mounts: heldBy(state) }] };
      return ignored(state);
    case 'no-item':
      return { state: EMPTY, effects: letGo(state) };
    case 'mounted':
      if (state?.name === 'holding')
        return state.mounts.has(event.mount)
          ? ignored(state)
          : {
              state: { name: 'holding', mounts: new Set([...state.mounts, event.mount]) },
              effects: NONE,
            };
      return {
        state: { name: 'holding', mounts: new Set([event.mount]) },
        effects: watched(state) ? NONE : WATCH,
      };
    case 'unmounted': {
      if (state?.name !== 'holding' || !state.mounts.has(event.mount)) return ignored(state);
      const rest = heldBy(state).filter((mount) => mount !== event.mount);
      if (rest.length > 0)
        return { state: { name: 'holding', mounts: new Set(rest) }, effects: NONE };
      return { state: undefined, effects: UNWATCH };
    }
    case 'left':
      return { state: undefined, effects: letGo(state) };
  }
}

/**
 * Where an item goes when it is found on `element`, given the element already holding it
 * (`existing`, with whether that element is still in the page):
 * - `same`: it is already there;
 * - `taken`: another element of the page holds it (the same video recommended twice: the
 *   first card wins);
 * - `moved`: the element that held it left the page: release that overlay, mount anew;
 * - `new`: mount it.
 */
export function placeItem<E>(
  existing: { element: E; connected: boolean } | undefined,
  element: E,
): 'same' | 'taken' | 'moved' | 'new' {
  if (!existing) return 'new';
  if (existing.element === element) return 'same';
  return existing.connected ? 'taken' : 'moved';
}
