/**
 * Who sent a message, decided only from what the browser says about the sender (its
 * extension id, its URL, its tab), never from anything inside the message.
 */
export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  frameId?: number;
}

export function classifySender(sender: SenderInfo, ownId: string, ownOrigin: string): SenderKind {
  if (sender.id !== ownId) return 'foreign';
  if (sender.url?.startsWith(ownOrigin)) return 'extension-page';
  // Our id, a tab, and a web URL: our content script running inside a web page.
  if (sender.tab) return 'content-script';
  return 'foreign';
}
