/**
 * Reviewer settings, kept in the trusted store (trusted-store.ts: the extension's own
 * IndexedDB, out of content scripts' reach) and validated on every read; a corrupt value
 * falls back to the default for that field only, so one bad field never wipes the others.
 * The endpoint token is kept apart (lib/background/store/secrets-repo.ts).
 */
import { z } from 'zod';
import { reviewerIdSchema } from '@/lib/shared/protocol/records';
import { defaultMarketSchema } from '@/lib/shared/settings/default-market';
import { endpointUrlSchema } from '@/lib/shared/settings/endpoint-url';
import { languageChoiceSchema } from '@/lib/shared/settings/languages';
import { SETTINGS_KEY } from '@/lib/shared/settings/local-keys';
import { packKeySchema } from '@/lib/shared/settings/pack-key';
import { platformHostsSchema } from '@/lib/shared/settings/platform-hosts';
import { readTrusted, writeTrusted } from './trusted-store';

export { endpointUrlSchema };

export const settingsSchema = z.object({
  reviewerId: reviewerIdSchema,
  /** '' while no endpoint is configured: flags then stay local and queued. */
  endpointUrl: endpointUrlSchema,
  syncIntervalMinutes: z.int().min(1).max(1440),
  /** Whether a policy pack without a signature may be used (the bundled pack is trusted). */
  allowUnsignedPacks: z.boolean(),
  /** Ed25519 public keys (base64 of the 32 raw bytes) whose signatures are accepted. */
  trustedPackKeys: z.array(packKeySchema).max(20),
  /** Evidence snapshots stored on this device, at most (MB); new ones are refused beyond. */
  evidenceQuotaMb: z.int().min(1).max(100_000),
  /** The UI's language: 'auto' follows the browser's. */
  language: languageChoiceSchema,
  /**
   * The market assumed for items whose page does not say (default-market.ts): 'any' keeps
   * market-specific checks quiet on them.
   */
  defaultMarket: defaultMarketSchema,
  /**
   * The platform's own hosts (exact names, or `*.example.com` for its subdomains): only
   * there do the platform's adapters read pages, so another site cannot file items as the
   * platform's under any creator id.
   */
  platformHosts: platformHostsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  reviewerId: 'local-reviewer',
  endpointUrl: '',
  syncIntervalMinutes: 5,
  // Safe by default: an unsigned pack is refused unless the reviewer allows it (with a warning).
  allowUnsignedPacks: false,
  trustedPackKeys: [],
  evidenceQuotaMb: 200,
  language: 'auto',
  defaultMarket: 'any',
  platformHosts: ['shopvid.com', '*.shopvid.com'],
};
const KEY = SETTINGS_KEY;

export function parseStoredSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  for (const [field, schema] of Object.entries(settingsSchema.shape)) {
    if (!(field in source)) continue;
    const parsed = schema.safeParse(source[field]);
    if (parsed.success) settings[field] = parsed.data;
    else problems.push(`${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { settings: settings as Settings, problems };
}

export async function loadSettings(): Promise<Settings> {
  const { settings, problems } = parseStoredSettings(await readTrusted(KEY));
  if (problems.length) console.warn(`Flagpost: ignored invalid settings: ${problems.join('; ')}`);
  return settings;
}

/** Validates the whole result first; nothing is written when any field is invalid. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await loadSettings();
  const next = settingsSchema.parse({ ...current, ...patch });
  await writeTrusted({ [KEY]: next });
  return next;
}

/** The origin pattern to ask host permission for, e.g. https://gov.example.com/* */
export function endpointOriginPattern(endpointUrl: string): string {
  const url = new URL(endpointUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
