/**
 * Keys pressed between j/k (or the open command) and the moment the selected item's card
 * has focus (lib/page/overlay/key-handoff-machine.ts). The card that moved on closes at
 * once and the next one takes focus only once drawn and shown, a frame or more later; in
 * between, focus fell to the page's <body> and a c or d pressed then decided nothing.
 *
 * Focus now goes at once to a focusable element of the overlay's own root (the `sink`), so
 * the key stays out of the page; a card key it hears from the reviewer (never one the page
 * dispatched) is held for the selected item and handed to its card once that has focus.
 */
import { type TriageKey, triageKeyOf } from '@/components/overlay/triage-keys';
import {
  idleKeyHandoff,
  type KeyHandoffEvent,
  stepKeyHandoff,
} from '@/lib/page/overlay/key-handoff-machine';

export interface KeyHandoff<T> {
  /** j/k or the open command selected `target`: hold keys for its card until it has focus. */
  select(target: T): void;
  /** The card of `target` has focus: the next key held for it, if any. */
  take(target: T): TriageKey | undefined;
  /** `target` left the page: its held keys go with it. */
  release(target: T): void;
}

export function createKeyHandoff<T>(root: ShadowRoot, signal: AbortSignal): KeyHandoff<T> {
  let state = idleKeyHandoff<T, TriageKey>();
  const step = (event: KeyHandoffEvent<T, TriageKey>) => {
    const next = stepKeyHandoff(state, event);
    state = next.state;
    return next;
  };
  // Focusable but drawn nowhere: it only keeps focus inside the overlay while a card opens.
  const sink = root.ownerDocument.createElement('div');
  sink.tabIndex = -1;
  sink.setAttribute('data-testid', 'key-sink');
  sink.style.cssText =
    'position: absolute; left: 0; top: 0; width: 1px; height: 1px; overflow: hidden; ' +
    'clip-path: inset(50%); outline: none;';
  root.append(sink);
  sink.addEventListener(
    'keydown',
    (event) => {
      const key = triageKeyOf(event);
      if (!key || !step({ type: 'press', key, trusted: event.isTrusted }).held) return;
      event.preventDefault();
      event.stopPropagation();
    },
    { signal },
  );
  signal.addEventListener('abort', () => sink.remove(), { once: true });

  return {
    select(target) {
      step({ type: 'select', target });
      // No scrolling to the sink: the selected item is scrolled into view instead.
      sink.focus({ preventScroll: true });
    },
    take: (target) => step({ type: 'take', target }).key,
    release(target) {
      step({ type: 'release', target });
    },
  };
}
