/**
 * Every user-facing string goes through browser.i18n, so each of the six market languages
 * is a translation of public/_locales/en/messages.json and nothing else. Keys are typed from
 * that file (type only: the JSON is not bundled).
 */
import { browser } from 'wxt/browser';

import type { Translate } from './i18n-keys';

export type { MessageKey, Translate } from './i18n-keys';

export const t: Translate = (key, substitutions) =>
  browser.i18n.getMessage(key, substitutions) || key;
