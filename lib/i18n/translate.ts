/**
 * Every user-facing string goes through browser.i18n, so each of the six market languages
 * is a translation of public/_locales/en/messages.json and nothing else. Keys are typed from
 * that file (type only: the JSON is not bundled).
 */
import { browser } from 'wxt/browser';

import type { Translate } from './keys';
import { fillTemplate } from './templates';

export type { MessageKey, Translate } from './keys';

/**
 * Messages once looked up, by key and substitutions. The browser's language cannot change
 * while an extension runs, and `getMessage` is a call into the browser that costs about as
 * much as rendering a badge: overlays on a feed ask for the same few labels (and the same
 * few "3 findings, high" summaries) hundreds of times. Bounded: cleared when full.
 */
const looked = new Map<string, string>();
const MAX_REMEMBERED = 1_000;

/**
 * The catalogue as templates, handed over by the background (content scripts: page.setup).
 * A content script's first `getMessage` call loads the extension's whole message bundle
 * into the page's process, synchronously: about 4 ms on every page load, where filling a
 * template costs a microsecond.
 */
let templates: ReadonlyMap<string, string> | undefined;

/** Installs templates (content scripts: page.setup's; pages: a chosen language), or none. */
export function useMessageTemplates(catalogue: Readonly<Record<string, string>> | undefined): void {
  templates = catalogue ? new Map(Object.entries(catalogue)) : undefined;
}

export const t: Translate = (key, substitutions) => {
  const template = templates?.get(key);
  if (template !== undefined) return fillTemplate(template, substitutions);
  const id =
    substitutions === undefined
      ? key
      : [key, ...(typeof substitutions === 'string' ? [substitutions] : substitutions)].join(
          '\u0000',
        );
  let text = looked.get(id);
  if (text === undefined) {
    text = browser.i18n.getMessage(key, substitutions) || key;
    if (looked.size >= MAX_REMEMBERED) looked.clear();
    // An unknown key is not remembered: tests and a reloaded catalogue may still supply it.
    if (text !== key) looked.set(id, text);
  }
  return text;
};
