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
    return browser.i18n.getUILanguage();
  } catch {
    return 'en'; // no i18n API (a test browser): names fall back to English
  }
}
