/**
 * Drafts typed in the overlay's secure field (lib/messaging/draft-messages.ts), kept in
 * storage.session: only trusted contexts reach it (Chrome's default access level, which
 * Flagpost never widens), and it outlives the worker's restarts but not the browser's.
 *
 * A draft belongs to one tab and one item: reopening the note field on the same item in the
 * same tab (after the page view was rebuilt, say) brings back what was typed. Every ticket
 * names that draft and is checked against the asking frame's tab.
 */
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/translate';
import type { DRAFT_PURPOSES } from '@/lib/messaging/draft-messages';
import { MessageError } from '@/lib/messaging/errors';
import type { HandlerContext, Handlers } from '@/lib/messaging/router';
import { itemKey } from '@/lib/shared/protocol/records';

interface Ticket {
  tabId: number;
  draftKey: string;
  purpose: (typeof DRAFT_PURPOSES)[number];
  /** The frame that showed the field (set when it first read the draft). */
  frameId?: number;
}

/** What the field is called in each use (the frame's accessible name). */
const LABELS = {
  note: 'noteText',
  'flag-note': 'flagNote',
  'escalation-reason': 'escalationReasonLabel',
} as const;

const TICKET_PREFIX = 'draftTicket:';
const TEXT_PREFIX = 'draftText:';

function tabOf(context: HandlerContext): number {
  const tab = context.sender.tab as { id?: unknown } | undefined;
  if (typeof tab?.id !== 'number') throw new MessageError('forbidden', 'Drafts belong to a tab.');
  return tab.id;
}

const newTicket = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

async function ticketFor(ticket: string, context: HandlerContext): Promise<Ticket> {
  const key = TICKET_PREFIX + ticket;
  const found = (await browser.storage.session.get(key))[key] as Ticket | undefined;
  if (!found || found.tabId !== tabOf(context))
    throw new MessageError('not-found', 'No such draft in this tab.');
  return found;
}

/**
 * What the field holds now, asked of its frame directly (extension messaging: the page
 * never sees it). Its last write may still be on its way when Save is pressed; the frame
 * answers with its current text. Undefined when the frame is gone.
 */
async function askFrame(ticket: string, found: Ticket): Promise<string | undefined> {
  if (found.frameId === undefined) return undefined;
  try {
    // To extension pages (the frame is one); only the frame holding this ticket answers.
    const reply: unknown = await browser.runtime.sendMessage({ flagpostDraft: ticket });
    const text = (reply as { text?: unknown } | undefined)?.text;
    return typeof text === 'string' ? text.slice(0, 5000) : undefined;
  } catch {
    return undefined;
  }
}

/** The draft's text, then forgets it (the note was saved); `optional`: '' is an answer. */
export async function takeDraft(
  ticket: string,
  context: HandlerContext,
  optional = false,
): Promise<string> {
  const found = await ticketFor(ticket, context);
  const key = TEXT_PREFIX + found.draftKey;
  const fromFrame = await askFrame(ticket, found);
  const stored = (await browser.storage.session.get(key))[key];
  const text = String(fromFrame ?? stored ?? '').trim();
  if (!text && !optional) throw new MessageError('bad-request', t('noteEmpty'));
  await browser.storage.session.remove(key);
  return text;
}

export function createDraftHandlers(): Pick<Handlers, 'draft.open' | 'draft.read' | 'draft.write'> {
  return {
    async 'draft.open'({ item, purpose }, context) {
      const tabId = tabOf(context);
      const ticket = newTicket();
      const value: Ticket = { tabId, purpose, draftKey: `${tabId}|${purpose}|${itemKey(item)}` };
      await browser.storage.session.set({ [TICKET_PREFIX + ticket]: value });
      return { ticket };
    },
    async 'draft.read'({ ticket }, context) {
      const found = await ticketFor(ticket, context);
      const { draftKey } = found;
      if (typeof context.sender.frameId === 'number' && context.sender.frameId > 0)
        await browser.storage.session.set({
          [TICKET_PREFIX + ticket]: { ...found, frameId: context.sender.frameId },
        });
      const key = TEXT_PREFIX + draftKey;
      const text = String((await browser.storage.session.get(key))[key] ?? '');
      return { text, label: t(LABELS[found.purpose]) };
    },
    async 'draft.write'({ ticket, text }, context) {
      const { draftKey } = await ticketFor(ticket, context);
      await browser.storage.session.set({ [TEXT_PREFIX + draftKey]: text });
      return {};
    },
  };
}
