import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageOf, placeOf, recordIdsOf } from '@/components/dashboard/import-problem';
import type { Translate } from '@/lib/i18n/keys';
import { fillTemplate, templatesFromCatalogue } from '@/lib/i18n/templates';

const translator = (lang: string): Translate => {
  const templates = templatesFromCatalogue(
    JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')),
  );
  return (key, subs) => fillTemplate(templates[key] ?? key, subs);
};
const t = translator('en');

describe('import problems in plain words', () => {
  it('names the record a JSON path points at, by its number and id', () => {
    const ids = recordIdsOf(JSON.stringify({ flags: [{ id: 'A' }, { id: 'B' }, {}, { id: 'D' }] }));
    expect(placeOf('$.flags[3].item.url', t, ids)).toBe('Flag 4 in the file (D), field item › url');
    expect(placeOf('$.notes[0]', t)).toBe('Note 1 in the file');
    expect(placeOf('$', t)).toBe('The file as a whole');
    expect(placeOf('$.version', t)).toBe('field version');
  });

  it('says CSV places as rows and columns', () => {
    expect(placeOf('row 4, column 11 (severity)', t)).toBe('Row 4, column 11 (severity)');
    expect(placeOf('row 7', t)).toBe('Row 7');
    expect(placeOf('row 1 (header)', t)).toBe('The header row');
  });

  it("rephrases the validator's usual messages and keeps others as they came", () => {
    expect(messageOf('Invalid input: expected string, received undefined', t)).toBe('is missing');
    expect(messageOf('Invalid option: expected one of "low"|"medium"|"high"', t)).toBe(
      'must be one of: low, medium, high',
    );
    expect(messageOf('Invalid input: expected number, received string', t)).toBe(
      'should be a number, not a string',
    );
    expect(messageOf('must be an http(s) URL', t)).toBe('must be an http(s) URL');
  });

  it('speaks Vietnamese in Vietnamese', () => {
    const vi = translator('vi');
    expect(placeOf('$.flags[0].severity', vi)).not.toMatch(/Flag|field/);
    expect(messageOf('Invalid input: expected string, received undefined', vi)).not.toBe(
      'is missing',
    );
  });

  it('reads no ids from a file that is not JSON', () => {
    expect(recordIdsOf('type,id\nflag,1')).toBeUndefined();
  });
});
