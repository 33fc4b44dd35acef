/**
 * The content script's end of the `flag-focused-item` command: the background tells this
 * tab to open the card of the item in view. Validated, and accepted only from our own
 * background (see lib/messaging/tab-commands.ts).
 */
import { browser } from 'wxt/browser';
import { isFromOwnBackground, isTabCommand } from '@/lib/messaging/tab-commands';

export function listenForTriageCommands(openFocused: () => boolean, signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (!isFromOwnBackground(sender, browser.runtime.id)) return undefined;
    if (!isTabCommand(message) || message.command !== 'open-focused-card') return undefined;
    return Promise.resolve({ opened: openFocused() });
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), {
    once: true,
  });
}
