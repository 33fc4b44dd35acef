/**
 * One item's overlay (entrypoints/content/item-mount.tsx) as named states and a pure
 * reducer: no DOM, no extension API. The mount performs the effects the reducer names.
 *
 *   unread ──read──▶ read ──near──▶ checking ──findings + risk──▶ shown
 *      └─────────────────┴──────────────┴───────────────────────────┴──release──▶ released
 *
 * Beside the phase: whether the item is near the viewport, whether its card is open (drawn
 * in full by Preact, else the closed badge drawn statically), whether it should open once
 * the checks are in, and how many times it was asked to open (the card focuses on each).
 *
 * Rules for events a state does not expect (they are ignored, with no effect):
 * - after `release`, everything: answers (findings, risk) that arrive after the item left
 *   the page must not draw, place or mark it again, or its box stays alive for good;
 * - `read` once read; findings outside `checking` (asked once, in `checking`); the
 *   creator's risk before `checking` (once shown, a new answer redraws the chip);
 * - `open` before the item is read (the page view reads it first) and `expand` while the
 *   item is not shown or its card is already open.
 */

export type ItemMountPhase =
  /** Mounted; the item is read when it is first needed (near, or its card opened). */
  | { name: 'unread' }
  /** Read, and still the item the box was made for; nothing asked yet. */
  | { name: 'read'; hasCreator: boolean }
  /** Findings (and the creator's risk, when it has a creator) asked; the badge waits for both. */
  | { name: 'checking'; checked: boolean; riskAnswered: boolean }
  /** Both answered: the badge is drawn (and placed while near). */
  | { name: 'shown' }
  /** The item left the page, or the page view ended. */
  | { name: 'released' };

export interface ItemMountState {
  phase: ItemMountPhase;
  near: boolean;
  /** Open: drawn in full by Preact (from the first time it opens); closed: the static badge. */
  card: 'closed' | 'open';
  /** The card should open once the checks arrive (the box is hidden until then). */
  openWhenReady: boolean;
  /** Bumped to open the card and focus it (keyboard triage). */
  openRequests: number;
}

export type ItemMountEvent =
  /** The item was read and is the one the box was made for. */
  | { type: 'read'; hasCreator: boolean }
  /** The item came near the viewport. */
  | { type: 'near' }
  /** The item went away from the viewport. */
  | { type: 'far' }
  /** The checks answered. */
  | { type: 'findings' }
  /** The creator's risk answered (again, when their history arrives or the chip moves). */
  | { type: 'risk' }
  /** Open the card and focus it (the keyboard command, j/k). */
  | { type: 'open' }
  /** The closed badge was clicked: draw the card in full. */
  | { type: 'expand' }
  /** The item left the page or the view ended. */
  | { type: 'release' };

export type ItemMountEffect =
  /** The item is near but was never read: the page view drops the mount. */
  | 'unreadable'
  | 'show-marks'
  | 'hide-marks'
  /** Place the box over the item (and keep it placed). */
  | 'show-box'
  | 'hide-box'
  | 'ask-risk'
  | 'ask-checks'
  /** Draw the box as the state says (static badge, or the card in full). */
  | 'draw'
  /** Empty the box: the static badge goes before the card is drawn in full. */
  | 'clear-box'
  | 'mark-evidence'
  /** Hide the box, cancel its questions, clear its marks, unmount and remove it. */
  | 'release';

export interface ItemMountStep {
  state: ItemMountState;
  effects: ItemMountEffect[];
}

export const INITIAL_ITEM_MOUNT: ItemMountState = {
  phase: { name: 'unread' },
  near: false,
  card: 'closed',
  openWhenReady: false,
  openRequests: 0,
};

const ignored = (state: ItemMountState): ItemMountStep => ({ state, effects: [] });

/** Opens a shown item's card (and counts the request, so the card takes focus). */
function openShown(state: ItemMountState, effects: ItemMountEffect[]): ItemMountStep {
  const opening = state.card === 'closed';
  return {
    state: { ...state, openWhenReady: false, card: 'open', openRequests: state.openRequests + 1 },
    effects: [...effects, 'show-box', ...(opening ? (['clear-box'] as const) : []), 'draw'],
  };
}

/** The item came near (or is opened while far). */
function cameNear(state: ItemMountState): ItemMountStep {
  const { phase } = state;
  const near = { ...state, near: true };
  switch (phase.name) {
    case 'unread':
      return { state: near, effects: ['unreadable'] };
    case 'read':
      // Both questions leave together and the badge is drawn once, when both are answered:
      // a badge that changed its width after it appeared would move (it is right-aligned).
      return {
        state: {
          ...near,
          phase: { name: 'checking', checked: false, riskAnswered: !phase.hasCreator },
        },
        effects: ['show-marks', ...(phase.hasCreator ? (['ask-risk'] as const) : []), 'ask-checks'],
      };
    case 'checking':
      return { state: near, effects: ['show-marks'] };
    case 'shown':
      return { state: near, effects: ['show-marks', 'show-box'] };
    case 'released':
      return ignored(state);
  }
}

/** One answer in: the badge is drawn when both are. */
function answered(state: ItemMountState, which: 'checked' | 'riskAnswered'): ItemMountStep {
  const { phase } = state;
  // The chip is redrawn when the creator's history arrives, or the chip moves to this item.
  if (phase.name === 'shown' && which === 'riskAnswered') return { state, effects: ['draw'] };
  if (phase.name !== 'checking') return ignored(state);
  const next = { ...phase, [which]: true };
  if (!next.checked || !next.riskAnswered) return { state: { ...state, phase: next }, effects: [] };
  const shown: ItemMountState = { ...state, phase: { name: 'shown' } };
  // Asked to open meanwhile: drawn open at once (nothing was drawn in the box before).
  if (state.openWhenReady)
    return {
      state: { ...shown, openWhenReady: false, card: 'open', openRequests: state.openRequests + 1 },
      effects: ['draw', 'mark-evidence', 'show-box'],
    };
  return {
    state: shown,
    effects: ['draw', 'mark-evidence', ...(state.near ? (['show-box'] as const) : [])],
  };
}

export function stepItemMount(state: ItemMountState, event: ItemMountEvent): ItemMountStep {
  const { phase } = state;
  if (phase.name === 'released') return ignored(state);
  switch (event.type) {
    case 'read':
      return phase.name === 'unread'
        ? {
            state: { ...state, phase: { name: 'read', hasCreator: event.hasCreator } },
            effects: [],
          }
        : ignored(state);
    case 'near':
      return cameNear(state);
    case 'far':
      return { state: { ...state, near: false }, effects: ['hide-box', 'hide-marks'] };
    case 'findings':
      return answered(state, 'checked');
    case 'risk':
      return answered(state, 'riskAnswered');
    case 'open': {
      if (phase.name === 'unread') return ignored(state);
      const near = state.near ? { state, effects: [] } : cameNear(state);
      if (near.state.phase.name !== 'shown')
        return { state: { ...near.state, openWhenReady: true }, effects: near.effects };
      return openShown(near.state, near.effects);
    }
    case 'expand':
      if (phase.name !== 'shown' || state.card === 'open') return ignored(state);
      return {
        state: { ...state, card: 'open', openRequests: state.openRequests + 1 },
        effects: ['clear-box', 'draw'],
      };
    case 'release':
      return { state: { ...state, phase: { name: 'released' } }, effects: ['release'] };
  }
}

/** Whether the mount's box may still be drawn, placed or marked. */
export const isLive = (state: ItemMountState) => state.phase.name !== 'released';
