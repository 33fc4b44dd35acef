/**
 * Reviewer settings, kept in extension storage (never readable by content scripts, which
 * cannot reach the background's storage.local through us: no message returns settings to
 * them). Stored values are validated on every read; a corrupt value falls back to the
 * default for that field only, so one bad field never wipes the others.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { reviewerIdSchema } from '@/lib/protocol/records';

export const settingsSchema = z.object({
  reviewerId: reviewerIdSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { reviewerId: 'local-reviewer' };
const KEY = 'settings';

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
  const stored = await browser.storage.local.get(KEY);
  const { settings, problems } = parseStoredSettings(stored[KEY]);
  if (problems.length) console.warn(`Flagpost: ignored invalid settings: ${problems.join('; ')}`);
  return settings;
}

/** Validates the whole patch first; nothing is written when any field is invalid. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const current = await loadSettings();
  const next = settingsSchema.parse({ ...current, ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
