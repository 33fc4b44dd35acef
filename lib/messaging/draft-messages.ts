/**
 * Text typed where the page cannot listen: the overlay's note field is an extension page in
 * a frame (entrypoints/note-frame), whose keys and input events never reach the page. The
 * content script opens a draft and gets a ticket for the frame; the frame reads and writes
 * the draft's text (extension-page messages: the content script cannot read it back); the
 * note is created from the draft by ticket. Drafts outlive the frame (a page view rebuilt
 * after a navigation reopens the same draft), kept in storage.session, which content
 * scripts cannot reach.
 */
import { z } from 'zod';
import { itemRefSchema } from '@/lib/shared/protocol/records';

export const draftTicketSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be a draft ticket');
export const MAX_DRAFT_LENGTH = 5000;
/** Which field of the item the draft is for: one draft of each per tab and item. */
export const DRAFT_PURPOSES = ['note', 'flag-note', 'escalation-reason'] as const;

export const draftMessages = {
  'draft.open': {
    from: 'content',
    request: z.object({ item: itemRefSchema, purpose: z.enum(DRAFT_PURPOSES).default('note') }),
    response: z.object({ ticket: draftTicketSchema }),
  },
  'draft.read': {
    from: 'extension',
    request: z.object({ ticket: draftTicketSchema }),
    response: z.object({ text: z.string().max(MAX_DRAFT_LENGTH), label: z.string().max(200) }),
  },
  'draft.write': {
    from: 'extension',
    request: z.object({ ticket: draftTicketSchema, text: z.string().max(MAX_DRAFT_LENGTH) }),
    response: z.object({}),
  },
} as const;
