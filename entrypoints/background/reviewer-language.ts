/**
 * The language the reviewer reads Flagpost in, for text the background hands out already
 * written (policy names on findings and in pickers): the chosen one, or the browser's.
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '@/lib/background/settings/settings';

export async function reviewerLanguage(): Promise<string> {
  const { language } = await loadSettings();
  if (language !== 'auto') return language;
  try {
    // The language of the catalogue the browser picked for the extension's messages, so
    // names follow every other string: a service worker can report "en-US" from
    // getUILanguage() and "@@ui_locale" while its messages come from the Thai catalogue.
    return browser.i18n.getMessage('catalogueLanguage') || browser.i18n.getUILanguage();
  } catch {
    return 'en'; // no i18n API (a test browser): names fall back to English
  }
}
