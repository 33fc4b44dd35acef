/**
 * Keyboard triage anywhere in the panel except while typing (text fields, open dialogs):
 * the keys are the shared table's (components/triage-keymap.ts, as in the overlay card),
 * read through components/sidepanel/shortcuts.ts, which the help dialog lists too.
 */
import { useEffect, useRef } from 'preact/hooks';
import { commandOf, isTypingTarget } from '@/components/sidepanel/shortcuts';

export interface TriageActions {
  /** 1–9: the n-th flag shown, counted from the top of the list's view. */
  onPick(index: number): void;
  /** c / d: decide the active flag, then move on to the next one. */
  onDecide(decision: 'confirmed' | 'dismissed'): void;
  onStep(delta: 1 | -1): void;
  onNote(): void;
  onSelect(range: boolean): void;
  onPolicyFilter(): void;
  onHelp(): void;
}

export function useTriageKeys(actions: TriageActions) {
  // The latest callbacks, without re-registering the listener on every render.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const a = latest.current;
      // The browser closes a modal dialog on Escape before the panel re-renders, so "is a
      // dialog open" is read from the page, not from the last render's state.
      const dialogOpen = event.view?.document.querySelector('dialog[open]') != null;
      if (dialogOpen || event.defaultPrevented || isTypingTarget(event.target)) return;
      const command = commandOf(event);
      if (!command) return;
      event.preventDefault();
      switch (command.kind) {
        case 'pick':
          return a.onPick(command.index);
        case 'decide':
          return a.onDecide(command.decision);
        case 'step':
          return a.onStep(command.direction);
        case 'note':
          return a.onNote();
        case 'select':
          return a.onSelect(event.shiftKey);
        case 'policy-filter':
          return a.onPolicyFilter();
        case 'help':
          return a.onHelp();
        // The card's own keys (flag, close) are not the panel's.
        default:
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
