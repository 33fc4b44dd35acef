/**
 * The content script's end of `escalation-changed`: only a valid command from our own
 * background reloads the cards, every open card is reloaded once, a closed card is not;
 * and the card's own poll is then only a fallback.
 */
import { describe, expect, it } from 'vitest';
import { escalationChanged, riskChanged, setupChanged } from '@/lib/messaging/tab-commands';
import {
  createCardRefresh,
  ESCALATION_FALLBACK_EVERY_MS,
  FLAG_SYNC_EVERY_MS,
  liveEvery,
} from '@/lib/page/overlay/card-refresh';

const OWN = 'flagpost-id';
const background = { id: OWN };

function openCards(count: number) {
  const refresh = createCardRefresh();
  const reloads = Array.from({ length: count }, () => 0);
  const stops = reloads.map((_, i) =>
    refresh.watch(() => {
      reloads[i] = (reloads[i] ?? 0) + 1;
    }),
  );
  return { refresh, reloads, stops };
}

describe('card refresh on escalation-changed', () => {
  it('reloads every open card once when our background says an escalation changed', () => {
    const { refresh, reloads } = openCards(2);
    expect(refresh.receive({ ...escalationChanged }, background, OWN)).toBe(2);
    expect(reloads).toEqual([1, 1]);
  });

  it('does not reload a card that was closed (its watch stopped)', () => {
    const { refresh, reloads, stops } = openCards(2);
    stops[0]?.();
    expect(refresh.receive(escalationChanged, background, OWN)).toBe(1);
    expect(reloads).toEqual([0, 1]);
    stops[0]?.(); // stopping twice is harmless
    expect(refresh.receive(escalationChanged, background, OWN)).toBe(1);
    expect(reloads).toEqual([0, 2]);
  });

  it('watching the same reload twice keeps two entries, each stopped on its own', () => {
    const refresh = createCardRefresh();
    let count = 0;
    const reload = () => {
      count += 1;
    };
    const stopA = refresh.watch(reload);
    refresh.watch(reload);
    stopA();
    expect(refresh.receive(escalationChanged, background, OWN)).toBe(1);
    expect(count).toBe(1);
  });

  it('ignores the command from anyone but our own background', () => {
    const { refresh, reloads } = openCards(1);
    // Another extension; our content script in another tab (it has a tab); no id at all.
    expect(refresh.receive(escalationChanged, { id: 'other-extension' }, OWN)).toBe(0);
    expect(refresh.receive(escalationChanged, { id: OWN, tab: { id: 3 } }, OWN)).toBe(0);
    expect(refresh.receive(escalationChanged, {}, OWN)).toBe(0);
    expect(reloads).toEqual([0]);
  });

  it('ignores other commands and anything that is not exactly the command', () => {
    const { refresh, reloads } = openCards(1);
    for (const message of [
      riskChanged,
      setupChanged,
      { flagpostTab: 1, command: 'escalation-changed', itemId: 'x' },
      { flagpostTab: 2, command: 'escalation-changed' },
      { flagpostTab: '1', command: 'escalation-changed' },
      { command: 'escalation-changed' },
      'escalation-changed',
      null,
      undefined,
      [1, 'escalation-changed'],
    ])
      expect(refresh.receive(message, background, OWN)).toBe(0);
    expect(reloads).toEqual([0]);
  });

  it('with no card open, tells nobody', () => {
    expect(createCardRefresh().receive(escalationChanged, background, OWN)).toBe(0);
  });
});

describe('the open card poll (fallback)', () => {
  const synced = { deleted: false, syncState: 'synced' as const };

  it('polls quickly while a flag waits to sync, which nothing pushes', () => {
    expect(liveEvery([synced, { deleted: false, syncState: 'pending' }], {})).toBe(
      FLAG_SYNC_EVERY_MS,
    );
    expect(liveEvery([{ deleted: false, syncState: 'stale' }], { a: { stage: 'queued' } })).toBe(
      FLAG_SYNC_EVERY_MS,
    );
  });

  it('polls slowly while only an escalation is undecided: the push reloads it first', () => {
    for (const stage of ['queued', 'delivered', 'acknowledged'] as const)
      expect(liveEvery([synced], { a: { stage } })).toBe(ESCALATION_FALLBACK_EVERY_MS);
    expect(ESCALATION_FALLBACK_EVERY_MS).toBeGreaterThan(FLAG_SYNC_EVERY_MS);
  });

  it('does not poll when everything is settled', () => {
    expect(liveEvery([], {})).toBeUndefined();
    expect(
      liveEvery([synced, { deleted: true, syncState: 'pending' }], {
        a: { stage: 'resolved' },
        b: { stage: 'refused' },
      }),
    ).toBeUndefined();
  });
});
