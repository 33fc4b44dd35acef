/**
 * The reviewer's language choice (settings), for the extension's own pages and the
 * background. The browser's `getMessage` speaks only the browser's language; a chosen one is
 * read from its packaged catalogue and used as templates (lib/i18n/templates.ts). The file
 * is validated like any other input: a catalogue that does not parse leaves the browser's
 * language in place, with a warning.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { loadSettings } from '@/lib/background/settings/settings';
import type { LanguageChoice, UiLanguage } from '@/lib/shared/settings/languages';
import { setFormatLocale } from './format';
import { templatesFromCatalogue } from './templates';
import { useMessageTemplates } from './translate';

const catalogueSchema = z.record(
  z.string(),
  z.object({
    message: z.string(),
    placeholders: z.record(z.string(), z.object({ content: z.string() })).optional(),
  }),
);

const loaded = new Map<UiLanguage, Record<string, string>>();

/** A shipped language's messages as templates, read once per extension context. */
export async function catalogueTemplates(language: UiLanguage): Promise<Record<string, string>> {
  const known = loaded.get(language);
  if (known) return known;
  const url = browser.runtime.getURL(`/_locales/${language}/messages.json` as '/');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const templates = templatesFromCatalogue(catalogueSchema.parse(await response.json()));
  loaded.set(language, templates);
  return templates;
}

/**
 * Puts the chosen language in place for this context's `t()` and its date and number
 * formats (lib/i18n/format.ts); answers the language now in use, for `<html lang>`.
 */
export async function useChosenLanguage(choice?: LanguageChoice): Promise<string> {
  const language = await chosenLanguage(choice);
  setFormatLocale(language);
  return language;
}

async function chosenLanguage(choice?: LanguageChoice): Promise<string> {
  const language = choice ?? (await loadSettings()).language;
  if (language !== 'auto') {
    try {
      useMessageTemplates(await catalogueTemplates(language));
      return language;
    } catch (error) {
      console.warn(`Flagpost: the ${language} catalogue could not be read:`, error);
    }
  }
  useMessageTemplates(undefined);
  return browser.i18n.getUILanguage();
}
