/**
 * The panel's keyboard triage, as data: which key does what. The page maps commands to
 * actions; the help dialog lists this same table, so the two can never disagree.
 */
import type { MessageKey } from '@/lib/i18n/keys';

export type ShortcutCommand =
  | { kind: 'policy'; slot: number }
  | { kind: 'clear-policy' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'confirm' }
  | { kind: 'dismiss' }
  | { kind: 'note' }
  | { kind: 'select' }
  | { kind: 'help' };

export const SHORTCUTS: ReadonlyArray<{ keys: string; what: MessageKey }> = [
  { keys: '1 – 9', what: 'spKeyPolicy' },
  { keys: '0', what: 'spKeyClearPolicy' },
  { keys: 'j / ↓', what: 'spKeyNext' },
  { keys: 'k / ↑', what: 'spKeyPrevious' },
  { keys: 'c', what: 'spKeyConfirm' },
  { keys: 'd', what: 'spKeyDismiss' },
  { keys: 'n', what: 'spKeyNote' },
  { keys: 'x', what: 'spKeySelect' },
  { keys: 'Shift + x', what: 'spKeySelectRange' },
  { keys: '?', what: 'spKeyHelp' },
];

/** The command of a key press, or undefined when the key is not a shortcut. */
export function commandOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): ShortcutCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const { key } = event;
  if (/^[1-9]$/.test(key)) return { kind: 'policy', slot: Number(key) - 1 };
  switch (key) {
    case '0':
      return { kind: 'clear-policy' };
    case 'j':
    case 'ArrowDown':
      return { kind: 'next' };
    case 'k':
    case 'ArrowUp':
      return { kind: 'previous' };
    case 'c':
      return { kind: 'confirm' };
    case 'd':
      return { kind: 'dismiss' };
    case 'n':
      return { kind: 'note' };
    case 'x':
    case 'X':
      return { kind: 'select' };
    case '?':
      return { kind: 'help' };
    default:
      return undefined;
  }
}

/** Keys typed into a text field are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (
    (target as Element).closest('input, textarea, select, [contenteditable="true"], dialog') !==
    null
  );
}
