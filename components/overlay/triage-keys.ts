/**
 * The overlay card's keys (keyboard triage from the page), read from the one key table the
 * side panel reads too (components/triage-keymap.ts), so a number or a letter means the same
 * thing in both. They act only while focus is in the overlay (the handler sits on the
 * overlay's own element, inside its shadow root), and never while the reviewer types in a
 * field or holds a modifier: page shortcuts and typing are never taken over. Escape is the
 * exception to the field rule: it closes the card from anywhere in it.
 */
import { type TriageCommand, triageCommandOf } from '@/components/triage-keymap';

/** The commands the card has (the table's overlay entries). */
export type TriageKey = Extract<
  TriageCommand,
  { kind: 'pick' | 'decide' | 'flag' | 'note' | 'step' | 'help' | 'close' | 'escalate' }
>;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the event was dispatched at (inside the shadow root). */
  target: EventTarget | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

const isCardKey = (command: TriageCommand): command is TriageKey =>
  command.kind !== 'select' && command.kind !== 'policy-filter';

export function triageKeyOf(event: KeyLike): TriageKey | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (event.key !== 'Escape') {
    if (target?.tagName && TYPING.has(target.tagName)) return undefined;
    if (target?.isContentEditable) return undefined;
  }
  const command = triageCommandOf(event.key, 'overlay');
  return command && isCardKey(command) ? command : undefined;
}

/** Ctrl+Enter or Cmd+Enter: save the open form, from any of its fields. */
export function isSaveChord(event: Pick<KeyLike, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>) {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** The finding `c`/`d` act on: the picked one, else the first without a decision. */
export function targetFinding<F>(
  findings: readonly F[],
  picked: number | undefined,
  isDecided: (finding: F) => boolean,
): F | undefined {
  if (picked !== undefined && findings[picked]) return findings[picked];
  return findings.find((finding) => !isDecided(finding));
}
