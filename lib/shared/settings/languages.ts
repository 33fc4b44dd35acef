/**
 * The UI languages Flagpost ships (public/_locales), each named in its own language so a
 * reviewer finds theirs whatever language the page is in now. 'auto' follows the browser.
 */
import { z } from 'zod';

export const UI_LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const languageChoiceSchema = z.enum(['auto', ...UI_LANGUAGES]);
export type LanguageChoice = z.infer<typeof languageChoiceSchema>;

export const LANGUAGE_NAMES: Readonly<Record<UiLanguage, string>> = {
  en: 'English',
  th: 'ไทย',
  vi: 'Tiếng Việt',
  id: 'Bahasa Indonesia',
  ms: 'Bahasa Melayu',
  fil: 'Filipino',
};
