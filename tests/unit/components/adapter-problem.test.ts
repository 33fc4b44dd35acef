/**
 * Site-adapter import errors in plain words: the real import (parseDeclarativeAdapters, with
 * a document that checks every CSS selector) refuses broken files, and each error reads as a
 * place ("Adapter 2 (console)") and a problem in the UI language, with the JSON path and the
 * validator's message kept as the technical line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapterIdsOf, adapterProblem } from '@/components/options/adapter-problem';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';
import { parseDeclarativeAdapters } from '@/lib/page/sites/declarative-import';
import { page } from '../page/sites/fixture';

const translator = (lang: string): Translate => {
  const templates = templatesFromCatalogue(
    JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')),
  );
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};
const t = translator('en');
const { document } = page('<p></p>');
const base = {
  id: 'console',
  name: 'Console',
  urlPatterns: ['https://console.example.com/review/*'],
  item: { container: 'tr', kind: 'product', itemId: { attribute: 'data-id' } },
};

/** Each error of the refused file in plain words, with its technical line. */
function refused(json: unknown, translate = t) {
  const result = parseDeclarativeAdapters(json, document);
  if (result.ok) throw new Error('the file was accepted');
  return result.errors.map((error) => adapterProblem(error, adapterIdsOf(json), translate));
}
const texts = (json: unknown, translate = t) => refused(json, translate).map((p) => p.text);

describe('site-adapter import errors in plain words', () => {
  it('says a bad CSS selector where it is, the path kept as technical', () => {
    const [problem] = refused({
      adapters: [base, { ...base, id: 'shop', item: { ...base.item, title: 'h1 >' } }],
    });
    expect(problem).toEqual({
      text: 'Adapter 2 (shop), the selector of item field “title”: the browser cannot read the CSS selector “h1 >”',
      technical: 'adapters[1].item.title.selector · invalid CSS selector "h1 >"',
    });
  });

  it('says every problem of a broken adapter without validator English or paths', () => {
    const all = texts({
      adapters: [
        base,
        {
          ...base,
          name: '',
          market: 'US',
          urlPatterns: ['console.example.com'],
          item: {
            ...base.item,
            container: 'div[[',
            kind: 'tweet',
            url: 5,
            price: { selector: '.p', pattern: '(', attribute: '1x' },
            contianer: 'tr',
          },
        },
      ],
    });
    expect(all).toEqual(
      expect.arrayContaining([
        'Adapter 2 (console): the id “console” is used twice',
        'Adapter 2 (console): the name is empty',
        'Adapter 2 (console): the market must be one of: SG, MY, TH, VN, ID, PH',
        'Adapter 2 (console), the URL pattern list, entry 1: “console.example.com” is not a URL pattern; write one like https://console.example.com/review/*',
        'Adapter 2 (console), the item container selector: the browser cannot read the CSS selector “div[[”',
        'Adapter 2 (console): the item kind must be one of: video, live, product, profile, comment',
        'Adapter 2 (console): the item field “url” is missing or holds the wrong kind of value',
        'Adapter 2 (console), the pattern of item field “price”: “(” is not a valid regular expression',
        'Adapter 2 (console), the attribute of item field “price”: the attribute must be a name such as href',
        'Adapter 2 (console), the item description: the field “contianer” is not part of the adapter format',
      ]),
    );
    for (const text of all)
      expect(text).not.toMatch(/adapters\[|Invalid input|Unrecognized|Too small/);
  });

  it('names an adapter by number when its id is not usable, and says file-level problems', () => {
    expect(texts([{ id: 'Bad Id', name: 'X', urlPatterns: [], item: base.item }])).toEqual([
      'Adapter 1 (Bad Id): the id may hold only lower-case letters, digits and “-”',
      'Adapter 1 (Bad Id): the URL pattern list is empty',
    ]);
    expect(texts({ adapters: [{ ...base, id: 5 }] })).toEqual([
      'Adapter 1: the id is missing or holds the wrong kind of value',
    ]);
    expect(texts(7)).toEqual([
      'The file must hold a list of adapters, or an object with an “adapters” list',
    ]);
    expect(texts({ adapters: 'x' })).toEqual([
      'The adapter list is missing or holds the wrong kind of value',
    ]);
    expect(texts({ version: 2, adapters: [] })).toEqual(['The version must be one of: 1']);
    const many = Array.from({ length: 101 }, (_, i) => ({ ...base, id: `a${i}` }));
    expect(texts({ adapters: many })).toEqual(['The adapter list is too long (at most 100)']);
    expect(
      adapterProblem({ path: '', message: 'Not JSON: Unexpected end' }, () => undefined, t),
    ).toEqual({ text: 'The file is not valid JSON', technical: 'Not JSON: Unexpected end' });
  });

  it('speaks Thai and Vietnamese', () => {
    const file = { adapters: [{ ...base, item: { ...base.item, kind: 'tweet', title: 'h1 >' } }] };
    const th = texts(file, translator('th'));
    expect(th).toContain(
      'อะแดปเตอร์ที่ 1 (console), ตัวเลือก CSS ของช่อง “title”: เบราว์เซอร์อ่านตัวเลือก CSS “h1 >” ไม่ได้',
    );
    for (const text of th) expect(text).not.toMatch(/Adapter|selector|item kind|must be/);
    const vi = texts(file, translator('vi'));
    expect(vi.join('\n')).toContain('Bộ điều hợp 1 (console)');
    for (const text of vi) expect(text).not.toMatch(/Adapter|selector|item kind|must be/);
  });

  it('keeps an unknown message as technical, with its place in plain words', () => {
    const odd = { path: 'adapters[0].item.title', message: 'something new' };
    expect(adapterProblem(odd, adapterIdsOf({ adapters: [base] }), t)).toEqual({
      text: 'Adapter 1 (console): the item field “title” is not valid',
      technical: 'adapters[0].item.title · something new',
    });
  });
});
