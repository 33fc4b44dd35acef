/**
 * The console speaks the extension's six languages from the same catalogues
 * (public/_locales, served as templates by the endpoint). The choice is kept in this
 * browser's localStorage; the first visit follows the browser's languages.
 */
import { z } from 'zod';
import { setFormatLocale } from '@/lib/i18n/format';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate } from '@/lib/i18n/templates';
import { UI_LANGUAGES, type UiLanguage } from '@/lib/shared/settings/languages';

const STORAGE_KEY = 'flagpost-console-language';
const templatesSchema = z.record(z.string(), z.string());

const isLanguage = (value: unknown): value is UiLanguage =>
  typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);

/** The stored choice, else the first of the browser's languages Flagpost ships, else English. */
export function preferredLanguage(): UiLanguage {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage refused (a strict profile): follow the browser.
  }
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'tl') return 'fil';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function rememberLanguage(language: UiLanguage): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not kept: the choice lasts this page.
  }
}

/** Loads `language`'s catalogue; sets dates and numbers to it; answers its translator. */
export async function loadLanguage(language: UiLanguage): Promise<Translate> {
  const response = await fetch(`/console/messages/${language}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The ${language} catalogue: HTTP ${response.status}`);
  const templates = new Map(Object.entries(templatesSchema.parse(await response.json())));
  setFormatLocale(language);
  document.documentElement.lang = language;
  return (key, substitutions) => {
    const template = templates.get(key);
    return template === undefined ? key : fillTemplate(template, substitutions);
  };
}
