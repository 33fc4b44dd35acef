/**
 * The overlay card's keys (keyboard triage from the page). They act only while focus is in
 * the overlay (the handler sits on the overlay's own element, inside its shadow root), and
 * never while the reviewer types in a field or holds a modifier: page shortcuts and typing
 * are never taken over.
 */
export type TriageKey =
  | { kind: 'pick'; index: number }
  | { kind: 'decide'; decision: 'confirmed' | 'dismissed' }
  | { kind: 'flag' }
  | { kind: 'note' }
  | { kind: 'step'; direction: 1 | -1 }
  | { kind: 'help' }
  | { kind: 'close' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the event was dispatched at (inside the shadow root). */
  target: EventTarget | null;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function triageKeyOf(event: KeyLike): TriageKey | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  if (event.key === 'Escape') return { kind: 'close' };
  if (target?.tagName && TYPING.has(target.tagName)) return undefined;
  if (target?.isContentEditable) return undefined;
  if (/^[1-9]$/.test(event.key)) return { kind: 'pick', index: Number(event.key) - 1 };
  switch (event.key) {
    case 'c':
      return { kind: 'decide', decision: 'confirmed' };
    case 'd':
      return { kind: 'decide', decision: 'dismissed' };
    case 'f':
      return { kind: 'flag' };
    case 'n':
      return { kind: 'note' };
    case 'j':
      return { kind: 'step', direction: 1 };
    case 'k':
      return { kind: 'step', direction: -1 };
    case '?':
      return { kind: 'help' };
    default:
      return undefined;
  }
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
