/**
 * The whole message catalogue as templates (lib/i18n/templates.ts), for content scripts:
 * page.setup hands it over, in the reviewer's chosen language (settings), so that drawing
 * the first badge on a page does not load the extension's message bundle into the page's
 * process (lib/i18n/translate.ts). The browser's language is built once per service-worker life (it
 * cannot change while the extension runs); a chosen one is read from its catalogue file.
 */
import { browser } from 'wxt/browser';
import { catalogueTemplates } from '@/lib/i18n/language';
import { TEMPLATE_SLOTS } from '@/lib/i18n/templates';
import type { LanguageChoice } from '@/lib/shared/settings/languages';
import english from '@/public/_locales/en/messages.json';

let browserLanguage: Record<string, string> | undefined;

function browserLanguageTemplates(): Record<string, string> {
  if (browserLanguage) return browserLanguage;
  const templates: Record<string, string> = {};
  try {
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      const template = browser.i18n.getMessage(key, [...TEMPLATE_SLOTS]);
      if (template) templates[key] = template;
    }
  } catch {
    // No i18n here (a test browser): content scripts then ask the browser for each message.
    return {};
  }
  browserLanguage = templates;
  return templates;
}

export async function messageTemplates(language: LanguageChoice): Promise<Record<string, string>> {
  if (language === 'auto') return browserLanguageTemplates();
  try {
    return await catalogueTemplates(language);
  } catch (error) {
    console.warn(`Flagpost: the ${language} catalogue could not be read:`, error);
    return browserLanguageTemplates();
  }
}
