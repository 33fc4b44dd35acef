import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '@/lib/shared/settings/languages';

// Each market language is a translation of the English catalogue and nothing else: the same
// keys, the same placeholders, and every $PLACEHOLDER$ the English message uses (a missing
// one would drop a count or a name from the sentence; an extra one would print nothing).
const LOCALES = 'public/_locales';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Entry>;

const read = (locale: string): Catalogue =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Catalogue;
const tokens = (message: string) =>
  [...new Set((message.match(/\$[A-Za-z0-9_@]+\$/g) ?? []).map((t) => t.toLowerCase()))].sort();

const english = read('en');
const translations = readdirSync(LOCALES).filter((locale) => locale !== 'en');

describe('the UI catalogues', () => {
  it('cover the six market languages, each one the language setting offers', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...UI_LANGUAGES].sort());
    expect(UI_LANGUAGES).toHaveLength(6);
  });

  it.each(translations)('%s has every English key, and no other', (locale) => {
    expect(Object.keys(read(locale))).toEqual(Object.keys(english));
  });

  it.each(translations)('%s keeps every placeholder and uses the same ones', (locale) => {
    const catalogue = read(locale);
    const wrong = Object.entries(english).filter(([key, entry]) => {
      const translated = catalogue[key];
      return (
        !translated?.message.trim() ||
        JSON.stringify(translated.placeholders) !== JSON.stringify(entry.placeholders) ||
        tokens(translated.message).join() !== tokens(entry.message).join()
      );
    });
    expect(wrong.map(([key]) => key)).toEqual([]);
  });
});
