/**
 * The panel's keyboard triage: the shared key table (components/triage-keymap.ts, the same
 * keys as the overlay card's) read for the panel. The page maps commands to actions; the
 * help dialog lists this same table, so the two can never disagree.
 */

import { type TriageCommand, triageCommandOf, triageHelp } from '@/components/triage-keymap';
import type { MessageKey } from '@/lib/i18n/keys';

export type ShortcutCommand = TriageCommand;

export const SHORTCUTS: ReadonlyArray<{ keys: string; what: MessageKey }> = triageHelp('panel').map(
  ({ shown, what }) => ({ keys: shown, what }),
);

/** The command of a key press, or undefined when the key is not a shortcut. */
export function commandOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): ShortcutCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return triageCommandOf(event.key, 'panel');
}

/** Keys typed into a text field are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (
    (target as Element).closest('input, textarea, select, [contenteditable="true"], dialog') !==
    null
  );
}
