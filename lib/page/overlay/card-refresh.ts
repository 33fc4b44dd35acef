/**
 * Open overlay cards, told at once when an escalation changes (issue 16). The background
 * sends the `escalation-changed` tab command when a receipt or a lead's decision arrives
 * (entrypoints/background/escalations.ts); the command names no item, so every card open in
 * this page view reads its item again (a reviewer has one or two open; a closed card reads
 * its item when it opens). The command is accepted only as the tab-command check allows it
 * and only from our own background (lib/messaging/tab-commands.ts).
 *
 * The card's own poll is then only a fallback (`liveEvery`): quick while a flag waits to
 * sync, which nothing pushes, slow while only an escalation is undecided.
 */
import type { EscalationView } from '@/lib/messaging/escalation-messages';
import type { FlagView } from '@/lib/messaging/message-map';
import type { SenderInfo } from '@/lib/messaging/sender';
import { isFromOwnBackground, isTabCommand } from '@/lib/messaging/tab-commands';

/** While a flag on an open card waits to sync: nothing tells the card when it is synced. */
export const FLAG_SYNC_EVERY_MS = 1_500;
/** While only an escalation is undecided: the fallback for a missed `escalation-changed`. */
export const ESCALATION_FALLBACK_EVERY_MS = 5_000;

export interface CardRefresh {
  /** An open card's reload, called when an escalation changes; returns its removal. */
  watch(reload: () => void): () => void;
  /**
   * The tab-message listener's part: reloads the open cards if the message is a valid
   * `escalation-changed` from our own background. Returns how many cards were told.
   */
  receive(message: unknown, sender: SenderInfo, ownId: string): number;
}

export function createCardRefresh(): CardRefresh {
  const open = new Set<{ reload: () => void }>();
  return {
    watch(reload) {
      // One entry per watch, so the same function watched twice is removed once per stop.
      const entry = { reload };
      open.add(entry);
      return () => {
        open.delete(entry);
      };
    },
    receive(message, sender, ownId) {
      if (!isFromOwnBackground(sender, ownId)) return 0;
      if (!isTabCommand(message) || message.command !== 'escalation-changed') return 0;
      const told = [...open];
      for (const entry of told) entry.reload();
      return told.length;
    },
  };
}

/**
 * How often an open card reads its item again: undefined when nothing on it is on its way
 * (every flag synced, every escalation resolved or refused).
 */
export function liveEvery(
  flags: readonly Pick<FlagView, 'deleted' | 'syncState'>[],
  escalations: Readonly<Record<string, Pick<EscalationView, 'stage'>>>,
): number | undefined {
  if (flags.some((f) => !f.deleted && (f.syncState === 'pending' || f.syncState === 'stale')))
    return FLAG_SYNC_EVERY_MS;
  if (Object.values(escalations).some((e) => e.stage !== 'resolved' && e.stage !== 'refused'))
    return ESCALATION_FALLBACK_EVERY_MS;
  return undefined;
}
