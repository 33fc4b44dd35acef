/**
 * Starts one of the extension's pages: Zod's messages, the reviewer's language (settings),
 * then the page itself, with `t` for its components.
 */
import { type ComponentChild, render } from 'preact';
import { useChosenLanguage } from '@/lib/i18n/language';
import { t } from '@/lib/i18n/translate';
import { configureZodForExtension } from '@/lib/shared/zod-setup';
import { I18nContext } from './i18n-context';

export async function mountPage(page: () => ComponentChild, title?: () => string): Promise<void> {
  configureZodForExtension();
  document.documentElement.lang = await useChosenLanguage();
  if (title) document.title = title();
  const app = document.getElementById('app');
  if (app) render(<I18nContext.Provider value={t}>{page()}</I18nContext.Provider>, app);
}
