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
  effects: ElementEffect<M>[];
}

const watched = <M>(state: ElementState<M> | undefined) =>
  state?.name === 'found' || state?.name === 'holding';

const ignored = <M>(state: ElementState<M> | undefined): ElementStep<M> => ({
  state,
  effects: [],
});

/** The element's next state and what the view does about it. Pure. */
export function stepElement<M>(
  state: ElementState<M> | undefined,
  event: ElementEvent<M>,
): ElementStep<M> {
  const held = state?.name === 'holding' ? [...state.mounts] : [];
  switch (event.type) {
    case 'found':
      if (!state) return { state: { name: 'found' }, effects: [{ do: 'watch' }] };
      return state.name === 'found' ? ignored(state) : { state, effects: [{ do: 'identify' }] };
    case 'near':
      if (state?.name === 'found') return { state, effects: [{ do: 'read' }] };
      if (state?.name === 'holding') return { state, effects: [{ do: 'near', mounts: held }] };
      return ignored(state);
    case 'far':
      if (state?.name === 'holding') return { state, effects: [{ do: 'far', mounts: held }] };
      return ignored(state);
    case 'no-item':
      return {
        state: { name: 'empty' },
        effects: [
          ...(held.length > 0 ? [{ do: 'release' as const, mounts: held }] : []),
          ...(watched(state) ? [{ do: 'unwatch' as const }] : []),
        ],
      };
    case 'mounted':
      if (state?.name === 'holding')
        return state.mounts.has(event.mount)
          ? ignored(state)
          : {
              state: { name: 'holding', mounts: new Set([...state.mounts, event.mount]) },
              effects: [],
            };
      return {
        state: { name: 'holding', mounts: new Set([event.mount]) },
        effects: watched(state) ? [] : [{ do: 'watch' }],
      };
    case 'unmounted': {
      if (state?.name !== 'holding' || !state.mounts.has(event.mount)) return ignored(state);
      const rest = held.filter((mount) => mount !== event.mount);
      if (rest.length > 0)
        return { state: { name: 'holding', mounts: new Set(rest) }, effects: [] };
      return { state: undefined, effects: [{ do: 'unwatch' }] };
    }
    case 'left':
      return {
        state: undefined,
        effects: [
          ...(held.length > 0 ? [{ do: 'release' as const, mounts: held }] : []),
          ...(watched(state) ? [{ do: 'unwatch' as const }] : []),
        ],
      };
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
