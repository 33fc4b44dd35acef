/**
 * The whole message catalogue as templates (lib/i18n-templates.ts), for content scripts:
 * page.setup hands it over so that drawing the first badge on a page does not load the
 * extension's message bundle into the page's process (lib/i18n.ts). Built once per
 * service-worker life: the browser's language cannot change while the extension runs.
 */
import { browser } from 'wxt/browser';
import { TEMPLATE_SLOTS } from '@/lib/i18n-templates';
import english from '@/public/_locales/en/messages.json';

let built: Record<string, string> | undefined;

export function messageTemplates(): Record<string, string> {
  if (built) return built;
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
  built = templates;
  return templates;
}
