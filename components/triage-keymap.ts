/**
 * The one table of triage keys, shared by the overlay card (components/overlay/triage-keys.ts)
 * and the side panel (components/sidepanel/shortcuts.ts), so a key means the same thing in
 * both: 1–9 pick the n-th entry of what is in front of the reviewer (a finding in the card,
 * a flag shown in the queue), c / d decide the picked one and move on, j / k step, n notes,
 * ? helps. A key that only one surface has (f, e and Escape in the card, x and p in the panel)
 * means nothing in the other, never something else. Pure data and a lookup: each surface
 * keeps its own rules for modifiers and text fields.
 */
import type { MessageKey } from '@/lib/i18n/keys';

export type Surface = 'overlay' | 'panel';

export type TriageCommand =
  | { kind: 'pick'; index: number }
  | { kind: 'decide'; decision: 'confirmed' | 'dismissed' }
  | { kind: 'step'; direction: 1 | -1 }
  | { kind: 'note' }
  | { kind: 'help' }
  /** Overlay only: a manual flag on the item. */
  | { kind: 'flag' }
  /** Overlay only: close the card. */
  | { kind: 'close' }
  /** Overlay only: escalate the picked finding (or the item's flag) to a lead. */
  | { kind: 'escalate' }
  /** Panel only: add the active flag to the selection (Shift: the range to it). */
  | { kind: 'select' }
  /** Panel only: go to the policy filter. */
  | { kind: 'policy-filter' };

export interface TriageKeyEntry {
  /** `KeyboardEvent.key` values that give the command. */
  keys: readonly string[];
  /** How the help lists the keys. */
  shown: string;
  command: (key: string) => TriageCommand;
  /** The surfaces that have the key. */
  on: readonly Surface[];
  /** What each surface's help calls it (the card says j and k in one line). */
  help: Partial<Record<Surface, MessageKey>>;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const TRIAGE_KEYS: readonly TriageKeyEntry[] = [
  {
    keys: DIGITS,
    shown: '1 – 9',
    command: (key) => ({ kind: 'pick', index: Number(key) - 1 }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutPick', panel: 'spKeyPick' },
  },
  {
    keys: ['c'],
    shown: 'c',
    command: () => ({ kind: 'decide', decision: 'confirmed' }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutConfirm', panel: 'spKeyConfirmNext' },
  },
  {
    keys: ['d'],
    shown: 'd',
    command: () => ({ kind: 'decide', decision: 'dismissed' }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutDismiss', panel: 'spKeyDismissNext' },
  },
  {
    keys: ['j', 'ArrowDown'],
    shown: 'j / ↓',
    command: () => ({ kind: 'step', direction: 1 }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutNextItem', panel: 'spKeyNext' },
  },
  {
    keys: ['k', 'ArrowUp'],
    shown: 'k / ↑',
    command: () => ({ kind: 'step', direction: -1 }),
    on: ['overlay', 'panel'],
    help: { panel: 'spKeyPrevious' },
  },
  {
    keys: ['n'],
    shown: 'n',
    command: () => ({ kind: 'note' }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutNote', panel: 'spKeyNote' },
  },
  {
    keys: ['f'],
    shown: 'f',
    command: () => ({ kind: 'flag' }),
    on: ['overlay'],
    help: { overlay: 'shortcutFlag' },
  },
  {
    keys: ['e'],
    shown: 'e',
    command: () => ({ kind: 'escalate' }),
    on: ['overlay'],
    help: { overlay: 'shortcutEscalate' },
  },
  {
    keys: ['x', 'X'],
    shown: 'x / Shift + x',
    command: () => ({ kind: 'select' }),
    on: ['panel'],
    help: { panel: 'spKeySelectBoth' },
  },
  {
    keys: ['p'],
    shown: 'p',
    command: () => ({ kind: 'policy-filter' }),
    on: ['panel'],
    help: { panel: 'spKeyPolicyFilter' },
  },
  {
    keys: ['Escape'],
    shown: 'Escape',
    command: () => ({ kind: 'close' }),
    on: ['overlay'],
    help: { overlay: 'shortcutClose' },
  },
  {
    keys: ['?'],
    shown: '?',
    command: () => ({ kind: 'help' }),
    on: ['overlay', 'panel'],
    help: { overlay: 'shortcutHelp', panel: 'spKeyHelp' },
  },
];

/**
 * The command a key gives on a surface, or undefined. The card's arrows stay the page's
 * (they scroll it): only j / k step there.
 */
export function triageCommandOf(key: string, surface: Surface): TriageCommand | undefined {
  if (surface === 'overlay' && (key === 'ArrowDown' || key === 'ArrowUp')) return undefined;
  const entry = TRIAGE_KEYS.find((e) => e.on.includes(surface) && e.keys.includes(key));
  return entry?.command(key);
}

/** The help lines of one surface, in the table's order. */
export function triageHelp(surface: Surface): ReadonlyArray<{ shown: string; what: MessageKey }> {
  return TRIAGE_KEYS.flatMap((entry) => {
    const what = entry.help[surface];
    if (!what) return [];
    return [{ shown: entry.shown, what }];
  });
}
