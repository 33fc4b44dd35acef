/**
 * Browser keyboard commands (declared in wxt.config.ts). `open-sidepanel` opens the review
 * queue: Chrome's side panel for the current window, Firefox's sidebar. Both browsers allow
 * opening it only in response to a user action, which a command is. `flag-focused-item`
 * asks the active tab's content script to open the card of the item in view (the gesture
 * also grants activeTab, which evidence capture needs).
 */
import { browser } from 'wxt/browser';
import { FLAG_FOCUSED_ITEM_COMMAND, openFocusedCard } from '@/lib/messaging/tab-commands';

export const OPEN_SIDEPANEL_COMMAND = 'open-sidepanel';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/** The side-panel API of whichever browser this is (neither is in both). */
function panelApis() {
  const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarActionApi };
  return { sidePanel: api.sidePanel, sidebarAction: api.sidebarAction };
}

export async function openSidePanel(windowId: number | undefined): Promise<void> {
  const { sidePanel, sidebarAction } = panelApis();
  if (sidebarAction) return sidebarAction.open();
  if (sidePanel && windowId !== undefined) return sidePanel.open({ windowId });
}

export function registerCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === FLAG_FOCUSED_ITEM_COMMAND) {
      if (tab?.id === undefined) return;
      browser.tabs
        .sendMessage(tab.id, openFocusedCard)
        .catch((error: unknown) => console.warn('Flagpost: no overlay in this tab:', error));
      return;
    }
    if (command !== OPEN_SIDEPANEL_COMMAND) return;
    // No await before open(): the browser only honours it inside the user action's turn.
    openSidePanel(tab?.windowId).catch((error: unknown) =>
      console.warn('Flagpost could not open the side panel:', error),
    );
  });
}
