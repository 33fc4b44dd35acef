import { describe, expect, it } from 'vitest';
import {
  INITIAL_ITEM_MOUNT,
  type ItemMountEvent,
  type ItemMountState,
  isLive,
  stepItemMount,
} from '@/lib/page/overlay/item-mount-machine';

/** Runs events from `state`; the last state and every effect on the way, in order. */
function run(events: ItemMountEvent[], state: ItemMountState = INITIAL_ITEM_MOUNT) {
  const effects: string[] = [];
  for (const event of events) {
    const step = stepItemMount(state, event);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

const ALL_EVENTS: ItemMountEvent[] = [
  { type: 'read', hasCreator: true },
  { type: 'near' },
  { type: 'far' },
  { type: 'findings' },
  { type: 'risk' },
  { type: 'open' },
  { type: 'expand' },
  { type: 'release' },
];

describe('item mount: unread', () => {
  it('starts unread, far, closed, with no open request', () => {
    expect(INITIAL_ITEM_MOUNT).toEqual({
      phase: { name: 'unread' },
      near: false,
      card: 'closed',
      openWhenReady: false,
      openRequests: 0,
    });
  });

  it('is read once, remembering whether the item has a creator', () => {
    const { state } = run([{ type: 'read', hasCreator: true }]);
    expect(state.phase).toEqual({ name: 'read', hasCreator: true });
    // A second read changes nothing.
    expect(stepItemMount(state, { type: 'read', hasCreator: false })).toEqual({
      state,
      effects: [],
    });
  });

  it('coming near unread says the item could not be read', () => {
    expect(run([{ type: 'near' }]).effects).toEqual(['unreadable']);
  });

  it('ignores open, findings, risk and expand before it is read', () => {
    for (const type of ['open', 'findings', 'risk', 'expand'] as const)
      expect(stepItemMount(INITIAL_ITEM_MOUNT, { type })).toEqual({
        state: INITIAL_ITEM_MOUNT,
        effects: [],
      });
  });
});

describe('item mount: read, near, checking', () => {
  it('asks the risk and the checks together when it first comes near', () => {
    const { state, effects } = run([{ type: 'read', hasCreator: true }, { type: 'near' }]);
    expect(state.phase).toEqual({ name: 'checking', checked: false, riskAnswered: false });
    expect(state.near).toBe(true);
    expect(effects).toEqual(['show-marks', 'ask-risk', 'ask-checks']);
  });

  it('asks no risk for an item without a creator', () => {
    const { state, effects } = run([{ type: 'read', hasCreator: false }, { type: 'near' }]);
    expect(state.phase).toEqual({ name: 'checking', checked: false, riskAnswered: true });
    expect(effects).toEqual(['show-marks', 'ask-checks']);
  });

  it('asks once: coming near again only shows the marks', () => {
    const { effects } = run([
      { type: 'read', hasCreator: true },
      { type: 'near' },
      { type: 'far' },
      { type: 'near' },
    ]);
    expect(effects).toEqual([
      'show-marks',
      'ask-risk',
      'ask-checks',
      'hide-box',
      'hide-marks',
      'show-marks',
    ]);
  });

  it('draws the badge once, when both answers are in, in either order', () => {
    for (const order of [
      ['findings', 'risk'],
      ['risk', 'findings'],
    ] as const) {
      const start = run([{ type: 'read', hasCreator: true }, { type: 'near' }]).state;
      const first = stepItemMount(start, { type: order[0] });
      expect(first.effects).toEqual([]);
      const second = stepItemMount(first.state, { type: order[1] });
      expect(second.state.phase).toEqual({ name: 'shown' });
      expect(second.effects).toEqual(['draw', 'mark-evidence', 'show-box']);
    }
  });

  it('draws but does not place the badge of an item that went away meanwhile', () => {
    const { state, effects } = run([
      { type: 'read', hasCreator: false },
      { type: 'near' },
      { type: 'far' },
      { type: 'findings' },
    ]);
    expect(state.phase.name).toBe('shown');
    expect(effects.slice(-2)).toEqual(['draw', 'mark-evidence']);
  });
});

describe('item mount: shown', () => {
  const shown = run([
    { type: 'read', hasCreator: true },
    { type: 'near' },
    { type: 'findings' },
    { type: 'risk' },
  ]).state;

  it('places the box and shows the marks when it comes near again', () => {
    const far = stepItemMount(shown, { type: 'far' });
    expect(far.effects).toEqual(['hide-box', 'hide-marks']);
    expect(stepItemMount(far.state, { type: 'near' }).effects).toEqual(['show-marks', 'show-box']);
  });

  it('redraws when the creator risk answers again; ignores findings again', () => {
    expect(stepItemMount(shown, { type: 'risk' })).toEqual({ state: shown, effects: ['draw'] });
    expect(stepItemMount(shown, { type: 'findings' })).toEqual({ state: shown, effects: [] });
  });

  it('expands the closed badge into the full card once', () => {
    const open = stepItemMount(shown, { type: 'expand' });
    expect(open.state).toMatchObject({ card: 'open', openRequests: 1 });
    expect(open.effects).toEqual(['clear-box', 'draw']);
    expect(stepItemMount(open.state, { type: 'expand' })).toEqual({
      state: open.state,
      effects: [],
    });
  });

  it('opens the card on the keyboard command, and counts each request', () => {
    const once = stepItemMount(shown, { type: 'open' });
    expect(once.state).toMatchObject({ card: 'open', openRequests: 1, openWhenReady: false });
    expect(once.effects).toEqual(['show-box', 'clear-box', 'draw']);
    const twice = stepItemMount(once.state, { type: 'open' });
    expect(twice.state.openRequests).toBe(2);
    expect(twice.effects).toEqual(['show-box', 'draw']);
  });

  it('brings a far item near before opening it', () => {
    const far = stepItemMount(shown, { type: 'far' }).state;
    const open = stepItemMount(far, { type: 'open' });
    expect(open.state.near).toBe(true);
    expect(open.effects).toEqual(['show-marks', 'show-box', 'show-box', 'clear-box', 'draw']);
  });
});

describe('item mount: opened before the checks answer', () => {
  it('waits, then draws the card open at once (nothing drawn before to clear)', () => {
    const read = run([{ type: 'read', hasCreator: false }]).state;
    const asked = stepItemMount(read, { type: 'open' });
    expect(asked.state).toMatchObject({
      phase: { name: 'checking' },
      near: true,
      openWhenReady: true,
    });
    expect(asked.effects).toEqual(['show-marks', 'ask-checks']);
    const answered = stepItemMount(asked.state, { type: 'findings' });
    expect(answered.state).toMatchObject({
      phase: { name: 'shown' },
      card: 'open',
      openWhenReady: false,
      openRequests: 1,
    });
    expect(answered.effects).toEqual(['draw', 'mark-evidence', 'show-box']);
  });
});

describe('item mount: released', () => {
  it('releases from every phase, once', () => {
    const phases = [
      INITIAL_ITEM_MOUNT,
      run([{ type: 'read', hasCreator: true }]).state,
      run([{ type: 'read', hasCreator: true }, { type: 'near' }]).state,
      run([{ type: 'read', hasCreator: false }, { type: 'near' }, { type: 'findings' }]).state,
    ];
    for (const state of phases) {
      const released = stepItemMount(state, { type: 'release' });
      expect(released.effects).toEqual(['release']);
      expect(isLive(released.state)).toBe(false);
      expect(isLive(state)).toBe(true);
    }
  });

  it('ignores everything after release: late answers draw nothing', () => {
    const released = run([
      { type: 'read', hasCreator: true },
      { type: 'near' },
      { type: 'release' },
    ]).state;
    for (const event of ALL_EVENTS)
      expect(stepItemMount(released, event)).toEqual({ state: released, effects: [] });
  });
});
