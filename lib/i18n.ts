/**
 * Every user-facing string goes through browser.i18n, so each of the six market languages
 * is a translation of public/_locales/en/messages.json and nothing else. Keys are typed from
 * that file (type only: the JSON is not bundled).
 */
import { browser } from 'wxt/browser';

import type { Translate } from './i18n-keys';

export type { MessageKey, Translate } from './i18n-keys';

/**
 * Messages without substitutions, once looked up. A page's language cannot change while
 * an extension runs, and `getMessage` is a call into the browser that costs about as much
 * as rendering a badge: overlays on a feed ask for the same few labels hundreds of times.
 */
const plain = new Map<string, string>();

export const t: Translate = (key, substitutions) => {
  if (substitutions !== undefined) return browser.i18n.getMessage(key, substitutions) || key;
  let text = plain.get(key);
  if (text === undefined) {
    text = browser.i18n.getMessage(key) || key;
    // An unknown key is not remembered: tests and a reloaded catalogue may still supply it.
    if (text !== key) plain.set(key, text);
  }
  return text;
};
