/**
 * Keys pressed for a card that cannot take them yet, as a pure reducer (no DOM): j/k or the
 * open command selects an item, and its card takes focus only once it is drawn, placed and
 * shown (a frame or more later; longer when its checks are still on their way). A key
 * pressed meanwhile would reach the page, or nothing, and be lost. Instead it is held for
 * the selected item and handed to its card, in order, once the card has focus
 * (entrypoints/content/key-handoff.ts performs it).
 *
 * Rules:
 * - only the reviewer's own keys are held (`trusted`): a key the page dispatched is never
 *   taken for one of theirs;
 * - a key is held for the item selected when it is handed over: a j among the held keys
 *   selects the next item, and the keys after it follow the selection, as they would have
 *   had the reviewer waited for each card;
 * - a key is handed over once (taken from the queue), so it cannot act twice;
 * - the selected item leaving the page drops its keys: there is no card left to take them;
 * - at most MAX_HELD keys wait: a key held down for long is not replayed without end.
 */

export const MAX_HELD = 32;

export interface KeyHandoffState<T, K> {
  /** The item whose card should take the keys; undefined: no card is awaited. */
  target: T | undefined;
  /** Keys pressed since it was selected, oldest first. */
  keys: readonly K[];
}

export type KeyHandoffEvent<T, K> =
  /** j/k or the open command selected `target`: its card is to take focus. */
  | { type: 'select'; target: T }
  /** A key pressed while no card has focus. */
  | { type: 'press'; key: K; trusted: boolean }
  /** The card of `target` has focus: it asks for the next key held for it. */
  | { type: 'take'; target: T }
  /** `target` left the page (or the page view ended). */
  | { type: 'release'; target: T };

export interface KeyHandoffStep<T, K> {
  state: KeyHandoffState<T, K>;
  /** `press`: the key is held (the caller keeps it from the page). */
  held: boolean;
  /** `take`: the key handed over, if any. */
  key: K | undefined;
}

export function idleKeyHandoff<T, K>(): KeyHandoffState<T, K> {
  return { target: undefined, keys: [] };
}

export function stepKeyHandoff<T, K>(
  state: KeyHandoffState<T, K>,
  event: KeyHandoffEvent<T, K>,
): KeyHandoffStep<T, K> {
  const unchanged = { state, held: false, key: undefined };
  switch (event.type) {
    case 'select':
      return { ...unchanged, state: { target: event.target, keys: state.keys } };
    case 'press':
      if (!event.trusted || state.target === undefined || state.keys.length >= MAX_HELD)
        return unchanged;
      return { ...unchanged, state: { ...state, keys: [...state.keys, event.key] }, held: true };
    case 'take': {
      if (state.target === undefined || state.target !== event.target) return unchanged;
      const [key, ...rest] = state.keys;
      // Nothing left: the card has focus, so the reviewer's next keys reach it directly.
      if (key === undefined) return { ...unchanged, state: idleKeyHandoff() };
      return { ...unchanged, state: { ...state, keys: rest }, key };
    }
    case 'release':
      return state.target === event.target ? { ...unchanged, state: idleKeyHandoff() } : unchanged;
  }
}
