/**
 * Messages the background sends to a tab's content script (the other direction from the
 * message map): the `flag-focused-item` keyboard command, and `setup-changed` (a setting a
 * content script follows changed: ask `page.setup` again) and `risk-changed` (a creator
 * history its chips wait for arrived, or an enforcement action on a creator seen here: ask
 * `creators.risk` again) and `escalation-changed` (a receipt or a lead's decision arrived). The content script
 * accepts them only from this extension's background: our id and no tab (a content script
 * of ours in another tab has a `tab`; a web page cannot send runtime messages to us at all).
 */
import type { SenderInfo } from './sender';

export const FLAG_FOCUSED_ITEM_COMMAND = 'flag-focused-item';

const COMMANDS = [
  'open-focused-card',
  'setup-changed',
  'risk-changed',
  'escalation-changed',
] as const;

export interface TabCommand {
  flagpostTab: 1;
  command: (typeof COMMANDS)[number];
}

/**
 * The whole check of a tab command: its two fields are constants, so comparing them is
 * the complete validation, and the content script loads no schema library for it.
 */
export function isTabCommand(message: unknown): message is TabCommand {
  const m = message as Partial<TabCommand> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.flagpostTab === 1 &&
    COMMANDS.includes(m.command as TabCommand['command']) &&
    Object.keys(m).length === 2
  );
}

export const openFocusedCard: TabCommand = { flagpostTab: 1, command: 'open-focused-card' };
export const setupChanged: TabCommand = { flagpostTab: 1, command: 'setup-changed' };
/** A creator history the tab's chips asked about has arrived (or failed): ask again. */
export const riskChanged: TabCommand = { flagpostTab: 1, command: 'risk-changed' };
/**
 * An escalation's receipt or outcome arrived (issue 16): a card showing escalations asks
 * `item.state` / `escalation.forFlag` again.
 */
export const escalationChanged: TabCommand = { flagpostTab: 1, command: 'escalation-changed' };

export function isFromOwnBackground(sender: SenderInfo, ownId: string): boolean {
  return sender.id === ownId && sender.tab === undefined;
}
