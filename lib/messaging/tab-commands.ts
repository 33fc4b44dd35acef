/**
 * Messages the background sends to a tab's content script (the other direction from the
 * message map): today only the `flag-focused-item` keyboard command. The content script
 * accepts them only from this extension's background: our id and no tab (a content script
 * of ours in another tab has a `tab`; a web page cannot send runtime messages to us at all).
 */
import { z } from 'zod';
import type { SenderInfo } from './sender';

export const FLAG_FOCUSED_ITEM_COMMAND = 'flag-focused-item';

export const tabCommandSchema = z.object({
  flagpostTab: z.literal(1),
  command: z.literal('open-focused-card'),
});
export type TabCommand = z.infer<typeof tabCommandSchema>;

export const openFocusedCard: TabCommand = { flagpostTab: 1, command: 'open-focused-card' };

export function isFromOwnBackground(sender: SenderInfo, ownId: string): boolean {
  return sender.id === ownId && sender.tab === undefined;
}
