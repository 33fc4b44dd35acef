/**
 * The one map of every message between Flagpost's parts: name -> request schema, response
 * schema, and who may send it. Both ends validate with these schemas, so a malformed or
 * foreign message is refused with a clear error before any handler (and any write) runs.
 *
 * `from` is the privilege check, decided from the sender (never from the message):
 * - 'content': content scripts and extension pages may send it. Content scripts run beside
 *   hostile pages, so these only record what the reviewer did on that page; the reviewer id,
 *   the token and the endpoint are filled in by the background, never taken from the message.
 * - 'extension': extension pages only (popup, options, side panel): settings, stats, sync.
 */
import { z } from 'zod';
import {
  creatorSchema,
  evidenceSchema,
  flagSchema,
  flagSourceSchema,
  flagStatusSchema,
  itemRefSchema,
  noteSchema,
  noteTargetSchema,
  severitySchema,
} from '@/lib/protocol/records';

export const policyChoiceSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
});
export type PolicyChoice = z.infer<typeof policyChoiceSchema>;

const itemStateSchema = z.object({
  flags: z.array(flagSchema),
  notes: z.array(noteSchema),
});
export type ItemState = z.infer<typeof itemStateSchema>;

export const messageMap = {
  /** The content script reports an item it found and asks what Flagpost already knows. */
  'item.state': {
    from: 'content',
    request: z.object({ item: itemRefSchema, creator: creatorSchema.optional() }),
    response: itemStateSchema,
  },
  'policy.choices': {
    from: 'content',
    request: z.object({}),
    response: z.object({ policies: z.array(policyChoiceSchema) }),
  },
  'flag.create': {
    from: 'content',
    request: z.object({
      item: itemRefSchema,
      policyId: z.string().min(1).max(128),
      severity: severitySchema,
      note: z.string().max(5000).default(''),
      source: flagSourceSchema.default('manual'),
      status: flagStatusSchema.default('confirmed'),
      ruleId: z.string().max(128).optional(),
      evidence: z.array(evidenceSchema).max(50).default([]),
    }),
    response: flagSchema,
  },
  'note.create': {
    from: 'content',
    request: z.object({ target: noteTargetSchema, text: z.string().trim().min(1).max(5000) }),
    response: noteSchema,
  },
  'stats.get': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ flags: z.int(), notes: z.int(), items: z.int(), creators: z.int() }),
  },
} as const;

export type MessageName = keyof typeof messageMap;
export type RequestOf<N extends MessageName> = z.input<(typeof messageMap)[N]['request']>;
export type ParsedRequestOf<N extends MessageName> = z.output<(typeof messageMap)[N]['request']>;
export type ResponseOf<N extends MessageName> = z.output<(typeof messageMap)[N]['response']>;

/** What travels over runtime messaging: a named request in, a result envelope out. */
export const envelopeSchema = z.object({
  flagpost: z.literal(1),
  name: z.string(),
  request: z.unknown(),
});

export const errorCodeSchema = z.enum([
  'bad-request',
  'forbidden',
  'unknown-message',
  'not-found',
  'database-unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: errorCodeSchema, message: z.string() }),
  }),
]);
export type Result = z.infer<typeof resultSchema>;

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(messageMap, name);
}

/** Turns a Zod error into "path: message; path: message" for people to read. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
