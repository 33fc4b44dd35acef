/**
 * Keyboard triage anywhere in the panel except while typing (text fields, open dialogs):
 * the key table lives in components/sidepanel/shortcuts.ts, shared with the help dialog.
 */
import { useEffect, useRef } from 'preact/hooks';
import { commandOf, isTypingTarget } from '@/components/sidepanel/shortcuts';

export interface TriageActions {
  onPolicySlot(slot: number): void;
  onClearPolicy(): void;
  onMove(delta: number): void;
  onConfirm(): void;
  onDismiss(): void;
  onNote(): void;
  onSelect(range: boolean): void;
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
        case 'policy':
          return a.onPolicySlot(command.slot);
        case 'clear-policy':
          return a.onClearPolicy();
        case 'next':
          return a.onMove(1);
        case 'previous':
          return a.onMove(-1);
        case 'confirm':
          return a.onConfirm();
        case 'dismiss':
          return a.onDismiss();
        case 'note':
          return a.onNote();
        case 'select':
          return a.onSelect(event.shiftKey);
        case 'help':
          return a.onHelp();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
