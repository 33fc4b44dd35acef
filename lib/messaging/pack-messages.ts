/** Messages about the active policy pack: its status, importing one, fetching one. */
import { z } from 'zod';
import { severitySchema } from '@/lib/shared/protocol/records';
import type { MessageSpec } from './message-spec';

export const packErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  policyId: z.string().optional(),
  ruleId: z.string().optional(),
  example: z.string().optional(),
});
export type PackErrorView = z.infer<typeof packErrorSchema>;

export const packSourceSchema = z.enum(['bundled', 'file', 'endpoint']);

export const packStatusSchema = z.object({
  packId: z.string(),
  version: z.string(),
  source: packSourceSchema,
  signed: z.boolean(),
  termCount: z.int(),
  activatedAt: z.string().optional(),
  policies: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      severity: severitySchema,
      markets: z.array(z.string()),
      rules: z.int(),
    }),
  ),
  /** Why the last candidate pack was refused (the active pack stayed). */
  lastErrors: z.array(packErrorSchema),
});
export type PackStatus = z.infer<typeof packStatusSchema>;

const importResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    status: packStatusSchema,
    message: z.string(),
    /** What happened, for the options page to say in the UI language. */
    outcome: z.enum(['activated', 'unchanged', 'restored']).optional(),
  }),
  z.object({ ok: z.literal(false), errors: z.array(packErrorSchema), status: packStatusSchema }),
]);

/** Pack files reach the background as parsed JSON; the engine validates everything. */
const MAX_PACK_TEXT = 8 * 1024 * 1024;

export const packMessages = {
  'pack.status': { from: 'extension', request: z.object({}), response: packStatusSchema },
  'pack.import': {
    from: 'extension',
    request: z.object({ text: z.string().max(MAX_PACK_TEXT) }),
    response: importResultSchema,
  },
  /** Fetches the governance endpoint's current pack (If-None-Match with the last ETag). */
  'pack.refresh': { from: 'extension', request: z.object({}), response: importResultSchema },
  /**
   * Puts the pack that ships with this release back in use and forgets the imported or
   * fetched one: works offline, needs no endpoint.
   */
  'pack.restoreBundled': {
    from: 'extension',
    request: z.object({}),
    response: importResultSchema,
  },
} as const satisfies Record<string, MessageSpec>;
