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
  flagSchema,
  flagSourceSchema,
  flagStatusSchema,
  itemRefSchema,
  noteSchema,
  noteTargetSchema,
  recordIdSchema,
  reviewerIdSchema,
  severitySchema,
} from '@/lib/shared/protocol/records';
import { defaultMarketSchema } from '@/lib/shared/settings/default-market';
import { endpointUrlSchema } from '@/lib/shared/settings/endpoint-url';
import { languageChoiceSchema } from '@/lib/shared/settings/languages';
import { packKeySchema } from '@/lib/shared/settings/pack-key';
import { platformHostsSchema } from '@/lib/shared/settings/platform-hosts';
import { declarativeSchemas } from '@/lib/shared/sites/declarative-schema';
import { dashboardMessages } from './dashboard-messages';
import { draftMessages, draftTicketSchema } from './draft-messages';
import { ERROR_CODES } from './errors';
import { escalationMessages, escalationViewSchema } from './escalation-messages';
import { createdFlagSchema, evidenceMessages, snapshotRequestSchema } from './evidence-messages';
import { MAX_ITEMS_PER_EVALUATION } from './limits';
import { packMessages } from './pack-messages';
import { noteTextSchema, riskMessages } from './risk-messages';
import { findingSchema, flagViewSchema, noteViewSchema, policyInputSchema } from './views';
import { workspaceMessages } from './workspace-messages';

export * from './views';

export const policyChoiceSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
  /** The policy's rules by their name in the UI language (pack policies only). */
  rules: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
});
export type PolicyChoice = z.infer<typeof policyChoiceSchema>;

const itemStateSchema = z.object({
  flags: z.array(flagViewSchema),
  notes: z.array(noteViewSchema),
  /** The escalations of the item's flags with their receipts and outcome (the card shows them). */
  escalations: z.array(escalationViewSchema).optional(),
});
export type ItemState = z.infer<typeof itemStateSchema>;

export const syncStatusViewSchema = z.object({
  /** An endpoint URL and a token are both set. */
  configured: z.boolean(),
  running: z.boolean(),
  progress: z.object({ sent: z.int(), total: z.int() }).optional(),
  pending: z.int(),
  rejected: z.int(),
  lastAttemptAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
});
export type SyncStatusView = z.infer<typeof syncStatusViewSchema>;

const recordRefSchema = z.object({ type: z.enum(['flag', 'note']), id: recordIdSchema });

export const rejectedRecordSchema = recordRefSchema.extend({
  revision: z.int(),
  reason: z.string(),
  /** What the record is about, for the reviewer to recognise it. */
  summary: z.string(),
  /** Set aside because the endpoint failed on it alone, not refused (lib/background/sync/quarantine.ts). */
  quarantined: z.boolean().optional(),
});
export type RejectedRecord = z.infer<typeof rejectedRecordSchema>;

export const settingsViewSchema = z.object({
  reviewerId: z.string(),
  endpointUrl: z.string(),
  syncIntervalMinutes: z.int(),
  allowUnsignedPacks: z.boolean(),
  trustedPackKeys: z.array(z.string()),
  evidenceQuotaMb: z.int(),
  language: languageChoiceSchema,
  defaultMarket: defaultMarketSchema,
  /** The platform's own hosts (lib/shared/settings/platform-hosts.ts). */
  platformHosts: z.array(z.string()),
  /** Whether a token is stored; the token itself never leaves the background. */
  tokenSet: z.boolean(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export { MAX_ITEMS_PER_EVALUATION } from './limits';

export const messageMap = {
  /**
   * Checks a batch of items against the active policy pack. The engine runs in the
   * background: the content script stays small and packs never reach the page's process.
   */
  'items.evaluate': {
    from: 'content',
    request: z.object({
      items: z
        .array(z.object({ key: z.string().min(1).max(600), input: policyInputSchema }))
        .max(MAX_ITEMS_PER_EVALUATION),
    }),
    response: z.object({
      packId: z.string(),
      packVersion: z.string(),
      results: z.array(
        z.object({
          key: z.string(),
          findings: z.array(findingSchema),
          /** Live flags already recorded on the item (when `key` is its `platform:itemId`). */
          flags: z.array(flagViewSchema),
          /** Escalations of those flags: state (queued … resolved) and the lead's outcome. */
          escalations: z.array(escalationViewSchema).optional(),
        }),
      ),
    }),
  },
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
  /**
   * What a content script needs before it draws anything on a page, in one round trip:
   * whether the reviewer switched Flagpost off for the site, the policies a manual flag can
   * name, the organisation's declarative adapters (read and validated here, so the
   * content script loads no schema) and the UI's messages as templates (lib/i18n/translate.ts).
   * Asked again when either setting changes.
   */
  'page.setup': {
    from: 'content',
    request: z.object({ host: z.string().min(1).max(253) }),
    response: z.object({
      enabled: z.boolean(),
      policies: z.array(policyChoiceSchema),
      adapters: z.array(declarativeSchemas().adapter),
      messages: z.record(z.string().max(100), z.string().max(2_000)),
      /** The language `messages` are in, as chosen ('auto': the browser's). */
      language: languageChoiceSchema,
      /** Closed unless automation asked for it (lib/shared/settings/local-keys.ts). */
      overlayRoot: z.enum(['open', 'closed']),
      /**
       * Whether the page is on one of the platform's own hosts (settings), judged from the
       * sender's URL: only there may the platform's adapters read it.
       */
      platform: z.boolean(),
    }),
  },
  'flag.create': {
    from: 'content',
    // The wire record's own fields (one declaration: lib/shared/protocol/records.ts), so a
    // flag the page may create is always one the endpoint accepts.
    request: flagSchema
      .pick({
        item: true,
        policyId: true,
        ruleId: true,
        severity: true,
        evidence: true,
        note: true,
      })
      .extend({
        source: flagSourceSchema.default('manual'),
        status: flagStatusSchema.default('confirmed'),
        /** Keep a snapshot of the item as the reviewer sees it (evidence-messages.ts). */
        snapshot: snapshotRequestSchema.optional(),
        /** The note as its secure field wrote it (draft-messages.ts), instead of `note`. */
        noteDraft: draftTicketSchema.optional(),
      }),
    response: createdFlagSchema,
  },
  /** Confirm, dismiss or re-grade a flag, or change its note: a new revision. */
  'flag.update': {
    from: 'content',
    // The wire record's fields and checks (records.ts); an absent one stays as it is.
    request: z.object({
      id: recordIdSchema,
      status: flagSchema.shape.status.optional(),
      severity: flagSchema.shape.severity.optional(),
      note: flagSchema.shape.note.unwrap().optional(),
    }),
    response: flagViewSchema,
  },
  /** Deletes a flag as a tombstone, which syncs like an edit. */
  'flag.delete': {
    from: 'content',
    request: z.object({ id: recordIdSchema }),
    response: flagViewSchema,
  },
  'note.create': {
    from: 'content',
    // The text as typed, or (from an overlay) the draft its secure field wrote (draft-messages.ts).
    request: z.union([
      z.object({ target: noteTargetSchema, text: noteTextSchema }),
      z.object({ target: noteTargetSchema, draft: draftTicketSchema }),
    ]),
    response: noteSchema,
  },
  'sync.status': { from: 'extension', request: z.object({}), response: syncStatusViewSchema },
  /** Starts a sync (or joins the running one) and answers at once with the status. */
  'sync.now': { from: 'extension', request: z.object({}), response: syncStatusViewSchema },
  'sync.rejected': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ records: z.array(rejectedRecordSchema) }),
  },
  /** Queue a rejected record again as it is (e.g. after the endpoint was fixed). */
  'sync.retry': { from: 'extension', request: recordRefSchema, response: syncStatusViewSchema },
  /** Keep a rejected record on this device only; it stops counting as a failure. */
  'sync.discard': { from: 'extension', request: recordRefSchema, response: syncStatusViewSchema },
  'settings.get': { from: 'extension', request: z.object({}), response: settingsViewSchema },
  'settings.save': {
    from: 'extension',
    request: z.object({
      reviewerId: reviewerIdSchema.optional(),
      endpointUrl: endpointUrlSchema.optional(),
      syncIntervalMinutes: z.int().min(1).max(1440).optional(),
      allowUnsignedPacks: z.boolean().optional(),
      trustedPackKeys: z.array(packKeySchema).max(20).optional(),
      evidenceQuotaMb: z.int().min(1).max(100_000).optional(),
      language: languageChoiceSchema.optional(),
      defaultMarket: defaultMarketSchema.optional(),
      platformHosts: platformHostsSchema.optional(),
      /** A new token; '' removes the stored one; absent keeps it. */
      token: z.string().trim().max(512).optional(),
    }),
    response: settingsViewSchema,
  },
  'settings.testConnection': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ ok: z.boolean(), message: z.string() }),
  },
  'stats.get': {
    from: 'extension',
    request: z.object({}),
    response: z.object({ flags: z.int(), notes: z.int(), items: z.int(), creators: z.int() }),
  },
  ...riskMessages,
  ...workspaceMessages,
  ...dashboardMessages,
  ...packMessages,
  ...evidenceMessages,
  ...draftMessages,
  ...escalationMessages,
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

export const errorCodeSchema = z.enum(ERROR_CODES);
export type { ErrorCode } from './errors';

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
